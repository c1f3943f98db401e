import { describe, expect, test } from 'vitest';
import {
  checkBackoffCeiling,
  checkBackoffRespected,
  checkBatchSize,
  checkDeliveredWithin,
  checkNoResendAfterRejection,
  checkReconciliationAgreement,
  checkRefusalDeadLettered,
  checkResendIdentity,
  checkRetryAfterHonoured,
  checkSentMessagesValid,
  checkTimeoutBound,
  checkUnusableAnswerRetried,
  minimumBackoffMs,
  retryAfterMs,
} from './index.ts';
import { batchExchange, connectionClosed, heldOpen, rec } from './ledger-fixtures.ts';

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
  // The sender's 1 s timeout ran out before it read the rejection (answered in 307 ms on a loaded machine).
  const late = batchExchange({
    startMs: 0,
    durationMs: 307,
    records: [r],
    results: { [r.recordId]: 'rejected' },
  });
  const resent = batchExchange({ startMs: 1400, records: [r], results: { [r.recordId]: 'rejected' } });
  test('passes when the sender reset the connection with the rejection unread, then re-sent', () => {
    const found = checkNoResendAfterRejection(
      'nc',
      [late, connectionClosed(late, 1010, true), resent],
      IFACE,
      1000,
    );
    expect(found.verdict).toBe('pass');
    expect(found.message).toContain('never read');
  });
  test('passes when the sender closed the connection at its own timeout, then re-sent', () => {
    const entries = [late, connectionClosed(late, 990, false), resent];
    expect(checkNoResendAfterRejection('nc', entries, IFACE, 1000).verdict).toBe('pass');
  });
  test('fails when the sender closed the connection right after reading the rejection, then re-sent', () => {
    const entries = [late, connectionClosed(late, 310, false), resent];
    expect(checkNoResendAfterRejection('nc', entries, IFACE, 1000).verdict).toBe('fail');
  });
  test('fails when the connection closed only after the re-send, or without a declared timeout', () => {
    const after = [late, resent, connectionClosed(late, 5000, false)];
    expect(checkNoResendAfterRejection('nc', after, IFACE, 1000).verdict).toBe('fail');
    const unknownTimeout = [late, connectionClosed(late, 1010, true), resent];
    expect(checkNoResendAfterRejection('nc', unknownTimeout, IFACE).verdict).toBe('fail');
  });
  test('fails when the re-send after a timeout was rejected, read, and sent once more', () => {
    const third = batchExchange({ startMs: 2000, records: [r] });
    const entries = [late, connectionClosed(late, 1010, true), resent, third];
    const found = checkNoResendAfterRejection('nc', entries, IFACE, 1000);
    expect(found.verdict).toBe('fail');
    expect(found.evidence).toEqual([{ ledger: 'nc', seq: third.seq }]);
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
      /after the bound of 1000 ms/,
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
