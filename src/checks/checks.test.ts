import { describe, expect, test } from 'vitest';
import type { ExchangeEntry } from '../evidence/ledger-entry.ts';
import { acceptedDigest } from '../reconciliation/accepted-digest.ts';
import {
  checkBackoffCeiling,
  checkBackoffRespected,
  checkBatchSize,
  checkDeadLetterCount,
  checkDeadLettersLogged,
  checkDeliveredWithin,
  checkFailedAttemptsLogged,
  checkLogCorrelation,
  checkNoPersonalData,
  checkNoResendAfterRejection,
  checkNoSecrets,
  checkReconciliationAgreement,
  checkReconciliationBalance,
  checkReconciliationCounting,
  checkReconciliationStable,
  checkRefusalDeadLettered,
  checkResendIdentity,
  checkRetryAfterHonoured,
  checkSentMessagesValid,
  checkTimeoutBound,
  checkUnusableAnswerRetried,
  countedFromWire,
  minimumBackoffMs,
  parseLogEvents,
  retryAfterMs,
} from './index.ts';
import { batchExchange, heldOpen, rec } from './ledger-fixtures.ts';

const IFACE = 'certificate-issuances';
const policy = { initialBackoffMs: 100, maxBackoffMs: 1000, multiplier: 2, jitter: 'equal' as const };

describe('checkSentMessagesValid', () => {
  test('passes on valid messages, fails on one invalid', () => {
    expect(
      checkSentMessagesValid('nc', [batchExchange({ startMs: 0, records: [rec(1)] })], IFACE).verdict,
    ).toBe('pass');
    const bad = checkSentMessagesValid(
      'nc',
      [batchExchange({ startMs: 0, records: [rec(1)], valid: false })],
      IFACE,
    );
    expect(bad.verdict).toBe('fail');
    expect(bad.message).toContain('/records/0/itemsDigest');
  });
});

describe('checkRetryAfterHonoured', () => {
  const first = batchExchange({ startMs: 0, records: [rec(1)], status: 503, retryAfter: '1' });
  test('passes when the retry waits at least Retry-After', () => {
    const retry = batchExchange({ startMs: first.endMs + 1000, records: [rec(1)] });
    expect(checkRetryAfterHonoured('nc', [first, retry], IFACE).verdict).toBe('pass');
  });
  test('fails when the retry comes early', () => {
    const retry = batchExchange({ startMs: first.endMs + 50, records: [rec(1)] });
    const finding = checkRetryAfterHonoured('nc', [first, retry], IFACE);
    expect(finding.verdict).toBe('fail');
    expect(finding.evidence).toHaveLength(2);
  });
  test('reads HTTP dates', () => {
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:02 GMT', '2026-01-01T00:00:00.000Z')).toBe(2000);
    expect(retryAfterMs('3', '2026-01-01T00:00:00.000Z')).toBe(3000);
    expect(retryAfterMs('soon', '2026-01-01T00:00:00.000Z')).toBeNull();
  });
});

describe('checkBackoffRespected', () => {
  test('equal jitter bounds retries from below', () => {
    expect(minimumBackoffMs(policy, 1)).toBe(50);
    expect(minimumBackoffMs(policy, 3)).toBe(200);
    expect(minimumBackoffMs(policy, 10)).toBe(500);
  });
  test('passes when gaps respect the bound, fails when a retry is immediate', () => {
    const a = batchExchange({ startMs: 0, records: [rec(1)], status: 500 });
    const b = batchExchange({ startMs: a.endMs + 60, records: [rec(1)], status: 500 });
    const c = batchExchange({ startMs: b.endMs + 120, records: [rec(1)] });
    expect(checkBackoffRespected('nc', [a, b, c], IFACE, policy).verdict).toBe('pass');
    const d = batchExchange({ startMs: b.endMs + 5, records: [rec(1)] });
    expect(checkBackoffRespected('nc', [a, b, d], IFACE, policy).verdict).toBe('fail');
  });
  test('full jitter is inconclusive rather than a false pass', () => {
    const a = batchExchange({ startMs: 0, records: [rec(1)], status: 500 });
    const b = batchExchange({ startMs: a.endMs + 1, records: [rec(1)] });
    expect(checkBackoffRespected('nc', [a, b], IFACE, { ...policy, jitter: 'full' }).verdict).toBe(
      'inconclusive',
    );
  });
});

describe('checkTimeoutBound', () => {
  const epoch = (e: { at: string }) => Date.parse(e.at);
  test('passes when the held call is abandoned in time', () => {
    const held = batchExchange({ startMs: 0, durationMs: 1010, records: [rec(1)], outcome: 'aborted' });
    expect(
      checkTimeoutBound('nc', [heldOpen(held), held], IFACE, 1000, 250, epoch(held) + 3000).verdict,
    ).toBe('pass');
  });
  test('fails when it is held too long', () => {
    const held = batchExchange({ startMs: 0, durationMs: 5000, records: [rec(1)], outcome: 'aborted' });
    expect(
      checkTimeoutBound('nc', [heldOpen(held), held], IFACE, 1000, 250, epoch(held) + 6000).verdict,
    ).toBe('fail');
  });
  test('fails when the target never lets go, once the limit has passed', () => {
    const open = batchExchange({ startMs: 0, records: [rec(1)] });
    const onlyHeld = [heldOpen(open)];
    expect(checkTimeoutBound('nc', onlyHeld, IFACE, 1000, 250, epoch(open) + 2000).message).toMatch(
      /still open/,
    );
    expect(checkTimeoutBound('nc', onlyHeld, IFACE, 1000, 250, epoch(open) + 500).verdict).toBe('pass');
  });
  test('is inconclusive when nothing was held', () => {
    expect(checkTimeoutBound('nc', [], IFACE, 1000, 250, 0).verdict).toBe('inconclusive');
  });
});

describe('checkNoResendAfterRejection', () => {
  const r = rec(37);
  const rejected = batchExchange({
    startMs: 0,
    records: [r, rec(38)],
    results: { [r.recordId]: 'rejected' },
  });
  test('passes when a rejected record never comes back', () => {
    expect(
      checkNoResendAfterRejection(
        'nc',
        [rejected, batchExchange({ startMs: 100, records: [rec(39)] })],
        IFACE,
      ).verdict,
    ).toBe('pass');
  });
  test('fails when it is re-sent', () => {
    const again = batchExchange({ startMs: 100, records: [r], results: { [r.recordId]: 'rejected' } });
    expect(checkNoResendAfterRejection('nc', [rejected, again], IFACE).verdict).toBe('fail');
  });
});

describe('checkResendIdentity', () => {
  test('passes when a re-send keeps id and content', () => {
    const a = batchExchange({ startMs: 0, records: [rec(1)], status: 503 });
    const b = batchExchange({ startMs: 2000, records: [rec(1)] });
    expect(checkResendIdentity('nc', [a, b], IFACE, 'serialNumber').verdict).toBe('pass');
  });
  test('fails when a re-send carries a new id', () => {
    const a = batchExchange({ startMs: 0, records: [rec(1)], status: 503 });
    const b = batchExchange({ startMs: 2000, records: [{ ...rec(2), serialNumber: rec(1).serialNumber }] });
    expect(checkResendIdentity('nc', [a, b], IFACE, 'serialNumber').verdict).toBe('fail');
  });
});

describe('checkDeliveredWithin', () => {
  const since = 1_800_000_000_000;
  const keys = [rec(1).serialNumber, rec(2).serialNumber];
  const expectation = {
    requirement: 'GEN-SEND-007',
    keys,
    naturalKey: 'serialNumber',
    sinceEpochMs: since,
    boundMs: 1000,
  };
  test('passes when all are accepted in time', () => {
    const e = batchExchange({ startMs: 100, records: [rec(1), rec(2)] });
    expect(checkDeliveredWithin('nc', [e], IFACE, expectation).verdict).toBe('pass');
  });
  test('fails when one is missing or late', () => {
    const e = batchExchange({ startMs: 100, records: [rec(1)] });
    expect(checkDeliveredWithin('nc', [e], IFACE, expectation).message).toMatch(/never accepted/);
    const late = batchExchange({ startMs: 5000, records: [rec(2)] });
    expect(checkDeliveredWithin('nc', [e, late], IFACE, expectation).message).toMatch(
      /after the 1000 ms bound/,
    );
  });
});

describe('checkReconciliationAgreement', () => {
  const counts = { total: 3, accepted: 2, duplicate: 0, rejected: 1, pending: 0, deadLettered: 1 };
  const entry = (direction: 'outbound' | 'inbound', accepted: number, digest: string) => ({
    interface: IFACE,
    direction,
    counts: { ...counts, accepted },
    acceptedDigest: digest,
  });
  test('passes when count and digest match', () => {
    const f = checkReconciliationAgreement(
      { entries: [entry('outbound', 2, 'a'.repeat(64))] },
      { entries: [entry('inbound', 2, 'a'.repeat(64))] },
      IFACE,
    );
    expect(f.verdict).toBe('pass');
  });
  test('fails on a different count, a different digest, or a missing side', () => {
    expect(
      checkReconciliationAgreement(
        { entries: [entry('outbound', 2, 'a'.repeat(64))] },
        { entries: [entry('inbound', 3, 'a'.repeat(64))] },
        IFACE,
      ).verdict,
    ).toBe('fail');
    expect(
      checkReconciliationAgreement(
        { entries: [entry('outbound', 2, 'a'.repeat(64))] },
        { entries: [entry('inbound', 2, 'b'.repeat(64))] },
        IFACE,
      ).verdict,
    ).toBe('fail');
    expect(
      checkReconciliationAgreement({ entries: [] }, { entries: [entry('inbound', 2, 'b'.repeat(64))] }, IFACE)
        .verdict,
    ).toBe('fail');
  });
});

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

describe('reconciliation consistency checks', () => {
  const counts = { total: 4, accepted: 2, duplicate: 1, rejected: 1, pending: 1, deadLettered: 1 };
  const outbound = {
    interface: IFACE,
    direction: 'outbound' as const,
    counts,
    acceptedDigest: 'a'.repeat(64),
  };
  const inbound = {
    interface: 'revocation-requests',
    direction: 'inbound' as const,
    counts: { total: 3, accepted: 2, duplicate: 1, rejected: 1, pending: 0, deadLettered: 0 },
    acceptedDigest: 'b'.repeat(64),
  };

  describe('checkReconciliationBalance', () => {
    test('passes when both directions add up', () => {
      expect(checkReconciliationBalance({ entries: [outbound, inbound] }).map((f) => f.verdict)).toEqual([
        'pass',
        'pass',
      ]);
    });
    test('fails when total counts deliveries, and is inconclusive without a direction', () => {
      const findings = checkReconciliationBalance({
        entries: [
          { ...outbound, counts: { ...counts, total: 5 } },
          { ...inbound, counts: { ...inbound.counts, total: 4 } },
        ],
      });
      expect(findings.map((f) => [f.requirement, f.verdict])).toEqual([
        ['GEN-REC-004', 'fail'],
        ['GEN-REC-005', 'fail'],
      ]);
      expect(checkReconciliationBalance({ entries: [outbound] })[1]?.verdict).toBe('inconclusive');
    });
  });

  describe('checkReconciliationCounting', () => {
    // 15:00Z is midnight in Japan: the first record belongs to the next day.
    const records = [
      { recordId: rec(1).recordId, recordedAt: '2026-03-31T15:00:00.000Z', accepted: true },
      { recordId: rec(2).recordId, recordedAt: '2026-03-31T14:59:59.999Z', accepted: true },
      { recordId: rec(3).recordId, recordedAt: '2026-03-31T16:00:00.000Z', accepted: false },
    ];
    const entry = (total: number, accepted: number, ids: string[]) => ({
      entries: [
        { ...inbound, counts: { ...inbound.counts, total, accepted }, acceptedDigest: acceptedDigest(ids) },
      ],
    });
    test('passes when the Japan-time day is counted and the digest is as specified', () => {
      const finding = checkReconciliationCounting(
        entry(2, 1, [rec(1).recordId]),
        'revocation-requests',
        'inbound',
        '2026-04-01',
        records,
      );
      expect(finding.verdict).toBe('pass');
    });
    test('fails when records are counted on their UTC day', () => {
      const utc = entry(3, 2, [rec(1).recordId, rec(2).recordId]);
      expect(
        checkReconciliationCounting(utc, 'revocation-requests', 'inbound', '2026-03-31', records).message,
      ).toMatch(/total 3, expected 1; accepted 2, expected 1; acceptedDigest/);
    });
    test('countedFromWire marks a record accepted once any delivery was', () => {
      const lost = batchExchange({
        startMs: 0,
        records: [{ ...rec(5), recordedAt: '2026-04-01T00:00:00Z' }],
        status: null,
        outcome: 'network-error',
      });
      const dup = batchExchange({
        startMs: 100,
        records: [{ ...rec(5), recordedAt: '2026-04-01T00:00:00Z' }],
        results: { [rec(5).recordId]: 'duplicate' },
      });
      expect(countedFromWire([lost, dup], IFACE)).toEqual([
        { recordId: rec(5).recordId, recordedAt: '2026-04-01T00:00:00Z', accepted: true },
      ]);
    });
  });

  describe('checkReconciliationStable', () => {
    test('passes on the same entries, fails on any changed count', () => {
      expect(
        checkReconciliationStable({ entries: [outbound, inbound] }, { entries: [outbound, inbound] }).verdict,
      ).toBe('pass');
      const finding = checkReconciliationStable(
        { entries: [outbound, inbound] },
        { entries: [outbound, { ...inbound, counts: { ...inbound.counts, total: 0, accepted: 0 } }] },
      );
      expect(finding.message).toBe('revocation-requests (inbound): total 3 → 0, accepted 2 → 0');
    });
  });

  describe('checkDeadLetterCount', () => {
    const records = [
      { recordId: rec(1).recordId, recordedAt: '2026-04-01T01:00:00Z', accepted: false },
      { recordId: rec(2).recordId, recordedAt: '2026-04-01T01:00:00Z', accepted: true },
    ];
    const letters = [
      { recordId: rec(1).recordId, interface: IFACE, state: 'dead' },
      { recordId: rec(2).recordId, interface: IFACE, state: 'redriven' },
    ];
    const report = (deadLettered: number) => ({
      entries: [{ ...outbound, counts: { ...counts, deadLettered } }],
    });
    test('passes when only dead letters in state dead are counted', () => {
      expect(checkDeadLetterCount(report(1), IFACE, '2026-04-01', letters, records).verdict).toBe('pass');
    });
    test('fails when a re-driven one is still counted', () => {
      expect(checkDeadLetterCount(report(2), IFACE, '2026-04-01', letters, records).verdict).toBe('fail');
    });
  });
});

describe('sending checks', () => {
  describe('checkBatchSize', () => {
    test('passes within maxBatchSize, fails over it', () => {
      const batch = batchExchange({ startMs: 0, records: [rec(1), rec(2), rec(3)] });
      expect(checkBatchSize('nc', [batch], IFACE, 3).verdict).toBe('pass');
      expect(checkBatchSize('nc', [batch], IFACE, 2).verdict).toBe('fail');
    });
  });

  describe('checkUnusableAnswerRetried', () => {
    const garbage = { ...batchExchange({ startMs: 0, records: [rec(1)] }), responseBody: '<html>' };
    test('passes when the record is sent again', () => {
      expect(
        checkUnusableAnswerRetried('nc', [garbage, batchExchange({ startMs: 100, records: [rec(1)] })], IFACE)
          .verdict,
      ).toBe('pass');
    });
    test('fails when the sender took the answer as delivery', () => {
      expect(checkUnusableAnswerRetried('nc', [garbage], IFACE).verdict).toBe('fail');
    });
  });

  describe('checkBackoffCeiling', () => {
    const ceiling = {
      maxBackoffMs: 1000,
      toleranceMs: 100,
      observedAtEpochMs: 0,
      awaiting: new Set<string>(),
    };
    const failedAt = (startMs: number, retryAfter?: string) =>
      batchExchange({ startMs, records: [rec(1)], status: 503, ...(retryAfter ? { retryAfter } : {}) });
    test('passes when retries come within maxBackoffMs or Retry-After', () => {
      const a = failedAt(0);
      const b = failedAt(a.endMs + 900, '3');
      const c = batchExchange({ startMs: b.endMs + 3000, records: [rec(1)] });
      expect(checkBackoffCeiling('nc', [a, b, c], IFACE, ceiling).verdict).toBe('pass');
    });
    test('fails on a long pause, and on a record still waiting too long', () => {
      const a = failedAt(0);
      const late = batchExchange({ startMs: a.endMs + 10_000, records: [rec(1)] });
      expect(checkBackoffCeiling('nc', [a, late], IFACE, ceiling).verdict).toBe('fail');
      const waiting = {
        ...ceiling,
        awaiting: new Set([rec(1).recordId]),
        observedAtEpochMs: Date.parse(a.at) + 5000,
      };
      expect(checkBackoffCeiling('nc', [a], IFACE, waiting).message).toMatch(/had still not been retried/);
    });
  });

  describe('checkRefusalDeadLettered', () => {
    const refused = {
      ...batchExchange({ startMs: 0, records: [rec(1), rec(2)], status: 422 }),
      responseBody: { type: 'urn:tekigo:problem:validation' },
    };
    const letter = (n: number, reason = 'rejected') => ({
      recordId: rec(n).recordId,
      reason,
      lastError: { type: 'urn:tekigo:problem:validation' },
    });
    test('passes when every record of the refused request is dead-lettered as rejected', () => {
      expect(checkRefusalDeadLettered('nc', [refused], IFACE, [letter(1), letter(2)]).verdict).toBe('pass');
    });
    test('fails when the request is retried, or a record is exhausted instead', () => {
      const retried = batchExchange({ startMs: 500, records: [rec(1), rec(2)], status: 422 });
      expect(checkRefusalDeadLettered('nc', [refused, retried], IFACE, []).message).toMatch(
        /was sent again after the 422/,
      );
      expect(
        checkRefusalDeadLettered('nc', [refused], IFACE, [letter(1), letter(2, 'retries-exhausted')]).verdict,
      ).toBe('fail');
    });
  });
});
