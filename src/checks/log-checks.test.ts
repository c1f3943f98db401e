import { describe, expect, test } from 'vitest';
import type { ExchangeEntry } from '../evidence/ledger-entry.ts';
import {
  checkDeadLettersLogged,
  checkFailedAttemptsLogged,
  checkLogCorrelation,
  checkNoPersonalData,
  checkNoSecrets,
  parseLogEvents,
} from './index.ts';
import { batchExchange, rec } from './ledger-fixtures.ts';

const IFACE = 'certificate-issuances';
const _policy = { initialBackoffMs: 100, maxBackoffMs: 1000, multiplier: 2, jitter: 'equal' as const };

describe('log checks', () => {
  const line = (fields: Record<string, unknown>) =>
    JSON.stringify({ role: 'certification-authority', ...fields });
  const failed = {
    ...batchExchange({ startMs: 0, records: [rec(1)], status: 503 }),
    responseBody: { type: 'urn:tekigo:problem:unavailable' },
  };
  const reset = batchExchange({ startMs: 200, records: [rec(1)], status: null, outcome: 'network-error' });
  const accepted = batchExchange({ startMs: 500, records: [rec(1)] });
  const entries = [failed, reset, accepted];
  const logged = (e: ExchangeEntry, attempt: number, cause: Record<string, unknown>) =>
    line({
      event: 'attempt-failed',
      correlationId: e.correlationId,
      interface: IFACE,
      peer: 'national-center',
      attempt,
      cause,
    });

  describe('parseLogEvents', () => {
    test('keeps JSON objects only, with every value and the keys of numbers', () => {
      const [event, ...rest] = parseLogEvents(['plain text', line({ a: { attempt: 2 }, b: ['x'] }), '[1]']);
      expect(rest).toEqual([]);
      expect(event?.line).toBe(1);
      expect([...(event?.values ?? [])]).toEqual(expect.arrayContaining(['2', 'x']));
      expect(event?.numbers).toEqual([{ key: 'attempt', value: 2 }]);
    });
  });

  describe('checkLogCorrelation', () => {
    const asked = { ...batchExchange({ startMs: 0, records: [rec(2)] }), from: 'suite', to: 'sut' };
    test('passes when every request is logged under its correlation id', () => {
      const log = {
        lines: [
          line({ correlationId: asked.correlationId }),
          line({
            correlationId: accepted.correlationId,
            batchId: (accepted.requestBody as { batchId: string }).batchId,
          }),
        ],
      };
      expect(checkLogCorrelation(log, { suite: [asked], nc: [accepted] }).verdict).toBe('pass');
    });
    test('fails when a sent request is logged under its batchId only', () => {
      const log = {
        lines: [
          line({ correlationId: asked.correlationId }),
          line({ correlationId: 'other', batchId: (accepted.requestBody as { batchId: string }).batchId }),
        ],
      };
      const finding = checkLogCorrelation(log, { suite: [asked], nc: [accepted] });
      expect(finding.verdict).toBe('fail');
      expect(finding.message).toMatch(/no log event carries the correlation id of POST/);
    });
  });

  describe('checkFailedAttemptsLogged', () => {
    test('passes when each failure names interface, peer, attempt and cause', () => {
      const log = {
        lines: [
          logged(failed, 1, { kind: 'status', status: 503, problemType: 'urn:tekigo:problem:unavailable' }),
          logged(reset, 2, { kind: 'network', code: 'ECONNRESET' }),
        ],
      };
      expect(checkFailedAttemptsLogged(log, 'nc', entries, IFACE, 'national-center').verdict).toBe('pass');
    });
    test('judges a timeout by its mention', () => {
      const abandoned = batchExchange({ startMs: 0, records: [rec(3)], status: null, outcome: 'aborted' });
      const log = { lines: [logged(abandoned, 1, { kind: 'timeout', phase: 'headers' })] };
      expect(checkFailedAttemptsLogged(log, 'nc', [abandoned], IFACE, 'national-center').verdict).toBe(
        'pass',
      );
    });
    test('fails when a failure is logged without its attempt number or cause', () => {
      const log = {
        lines: [
          line({ event: 'attempt-failed', correlationId: failed.correlationId, interface: IFACE }),
          logged(reset, 2, { kind: 'network', code: 'ECONNRESET' }),
        ],
      };
      const finding = checkFailedAttemptsLogged(log, 'nc', entries, IFACE, 'national-center');
      expect(finding.verdict).toBe('fail');
      expect(finding.message).toMatch(/the peer, the attempt number \(1\), the status 503/);
    });
  });

  describe('checkDeadLettersLogged', () => {
    const rejected = batchExchange({
      startMs: 0,
      records: [rec(4)],
      results: { [rec(4).recordId]: 'rejected' },
    });
    const letters = [{ recordId: rec(4).recordId, reason: 'rejected' }];
    test('passes when the dead letter is logged under its last attempt', () => {
      const log = {
        lines: [
          line({
            event: 'dead-lettered',
            correlationId: rejected.correlationId,
            interface: IFACE,
            recordId: rec(4).recordId,
            reason: 'rejected',
          }),
        ],
      };
      expect(checkDeadLettersLogged(log, letters, 'nc', [rejected], IFACE).verdict).toBe('pass');
    });
    test('fails when no event names it', () => {
      const log = {
        lines: [line({ event: 'batch-resolved', correlationId: rejected.correlationId, interface: IFACE })],
      };
      expect(checkDeadLettersLogged(log, letters, 'nc', [rejected], IFACE).verdict).toBe('fail');
    });
  });

  describe('checkNoPersonalData', () => {
    const person = {
      name: { kanji: '試験 𠮷男', kana: 'シケン ヨシオ' },
      address: '東京都千代田区試験町1番1号',
      dateOfBirth: '1961-02-13',
    };
    test('passes when the log holds ids only', () => {
      expect(checkNoPersonalData({ lines: [line({ recordId: rec(1).recordId })] }, [person]).verdict).toBe(
        'pass',
      );
    });
    test('fails on a name, even written as JSON escapes, without repeating it', () => {
      const escaped = line({ holder: person.name.kana }).replace(
        /[^\x20-\x7e]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
      const finding = checkNoPersonalData({ lines: [escaped] }, [person]);
      expect(finding.verdict).toBe('fail');
      expect(finding.message).toBe('line 0 holds the kana of person 1');
      expect(checkNoPersonalData({ lines: [line({ born: person.dateOfBirth })] }, [person]).message).toMatch(
        /date of birth/,
      );
    });
  });

  describe('checkNoSecrets', () => {
    const canary = 'tekigo-canary-1';
    test('passes on ordinary bodies and logs', () => {
      const sources = [
        { source: 'health', text: '{"status":"up"}' },
        { source: 'the log', text: line({ event: 'request' }) },
      ];
      expect(checkNoSecrets(sources, [canary]).verdict).toBe('pass');
    });
    test('fails on the canary, a private key block or a credential member', () => {
      expect(
        checkNoSecrets(
          [{ source: 'the log', text: line({ headers: { authorization: `Bearer ${canary}` } }) }],
          [canary],
        ).message,
      ).toBe('the log holds a credential the suite sent');
      const keyBlock = ['-----BEGIN', 'PRIVATE KEY-----'].join(' ');
      expect(checkNoSecrets([{ source: 'capabilities', text: keyBlock }], []).message).toBe(
        'capabilities holds a private key',
      );
      expect(checkNoSecrets([{ source: 'the log', text: line({ apiKey: 'synthetic' }) }], []).verdict).toBe(
        'fail',
      );
    });
  });
});
