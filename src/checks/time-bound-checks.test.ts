import { describe, expect, test } from 'vitest';
import { elapsedWithinCheck } from './check-elapsed-within.ts';
import { checkNoticeDeadline, type ViewRead } from './check-notice-deadline.ts';
import { servedWithinCheck } from './check-relay-answers.ts';
import { applyCheck } from './define-check.ts';
import {
  checkBackoffCeiling,
  checkBackoffRespected,
  checkDeliveredWithin,
  checkTimeoutBound,
} from './index.ts';
import { batchExchange, heldOpen, rec } from './ledger-fixtures.ts';
import { against, type MeasuredDelay, upperBound } from './scheduling-allowance.ts';

// Every upper time bound widens by exactly the harness delay recorded in the evidence: the same
// late answer fails without it and passes with it. Lower bounds ("too soon") never widen.
const IFACE = 'certificate-issuances';
const delay = (delayMs: number): MeasuredDelay => ({ delayMs, evidence: { ledger: 'suite', seq: 99 } });
const cites = (evidence: readonly { ledger: string; seq: number }[]) =>
  evidence.some((e) => e.ledger === 'suite' && e.seq === 99);

describe('upperBound', () => {
  test('adds the declared bound, the tolerance and the measured delay, and says so', () => {
    const bound = upperBound(2000, 500, delay(512));
    expect(bound.limitMs).toBe(3012);
    expect(bound.text).toBe('2000 + 500 + 512 ms (512 ms measured harness delay)');
    expect(against(2907, bound)).toBe('2907 ms ≤ 2000 + 500 + 512 ms (512 ms measured harness delay)');
    expect(against(3100, bound)).toBe('3100 ms > 2000 + 500 + 512 ms (512 ms measured harness delay)');
    expect(upperBound(2000, 500)).toEqual({ limitMs: 2500, text: '2000 + 500 ms', evidence: [] });
  });
});

describe('elapsed-within (relay RL-E02, RLY-DEV-002)', () => {
  const input = {
    what: 'a message whose device operation never completed was answered',
    elapsedMs: 2907,
    boundMs: 2000,
    boundName: 'requestTimeoutMs',
    toleranceMs: 500,
    evidence: [{ ledger: 'suite', seq: 7 }],
  };
  const judge = (extra: object = {}) =>
    applyCheck(elapsedWithinCheck('RLY-DEV-002'), { ...input, ...extra })[0];
  test('2,907 ms fails against 2,000 + 500 without a measured delay', () => {
    expect(judge()?.verdict).toBe('fail');
  });
  test('passes with the delay recorded over the test, stating it and citing it', () => {
    const finding = judge({ schedulingDelay: delay(512) });
    expect(finding?.verdict).toBe('pass');
    expect(finding?.message).toContain('2907 ms ≤ 2000 + 500 + 512 ms (512 ms measured harness delay)');
    expect(cites(finding?.evidence ?? [])).toBe(true);
  });
  test('an answer that never came fails whatever the delay', () => {
    expect(judge({ elapsedMs: null, schedulingDelay: delay(10_000) })?.verdict).toBe('fail');
  });
});

describe('backoff-ceiling (GEN-SEND-012)', () => {
  const ceiling = { maxBackoffMs: 1000, toleranceMs: 100, observedAtEpochMs: 0, awaiting: new Set<string>() };
  const failed = batchExchange({ startMs: 0, records: [rec(1)], status: 503 });
  const retried = batchExchange({ startMs: failed.endMs + 1400, records: [rec(1)] });
  test('a retry 1,400 ms after the failure fails against 1,000 + 100, passes with 400 ms measured', () => {
    expect(checkBackoffCeiling('nc', [failed, retried], IFACE, ceiling).verdict).toBe('fail');
    const widened = checkBackoffCeiling('nc', [failed, retried], IFACE, {
      ...ceiling,
      schedulingDelay: delay(400),
    });
    expect(widened.verdict).toBe('pass');
    expect(widened.message).toContain('1000 + 100 + 400 ms (400 ms measured harness delay)');
    expect(cites(widened.evidence)).toBe(true);
  });
  test('retried too soon stays a failure however late the harness ran (lower bound, GEN-SEND-004)', () => {
    const policy = { initialBackoffMs: 100, maxBackoffMs: 1000, multiplier: 2, jitter: 'equal' as const };
    const a = batchExchange({ startMs: 0, records: [rec(1)], status: 500 });
    const b = batchExchange({ startMs: a.endMs + 5, records: [rec(1)] });
    expect(checkBackoffRespected('nc', [a, b], IFACE, policy).verdict).toBe('fail');
  });
});

describe('timeout-bound (GEN-SEND-002)', () => {
  const held = batchExchange({ startMs: 0, durationMs: 1600, records: [rec(1)], outcome: 'aborted' });
  const at = Date.parse(held.at) + 3000;
  test('a call held 1,600 ms fails against 1,000 + 250, passes with 400 ms measured', () => {
    expect(checkTimeoutBound('nc', [heldOpen(held), held], IFACE, 1000, 250, at).verdict).toBe('fail');
    const widened = checkTimeoutBound('nc', [heldOpen(held), held], IFACE, 1000, 250, at, delay(400));
    expect(widened.verdict).toBe('pass');
    expect(widened.message).toContain('1600 ms ≤ 1000 + 250 + 400 ms (400 ms measured harness delay)');
  });
});

describe('delivered-within (GEN-SEND-007)', () => {
  const sent = batchExchange({ startMs: 0, durationMs: 10, records: [rec(1)] });
  const expectation = {
    requirement: 'GEN-SEND-007',
    keys: [rec(1).serialNumber],
    naturalKey: 'serialNumber',
    sinceEpochMs: Date.parse(sent.at) - 1200,
    boundMs: 1000,
  };
  test('accepted 1,210 ms after the stimulus fails against 1,000, passes with 300 ms measured', () => {
    expect(checkDeliveredWithin('nc', [sent], IFACE, expectation).verdict).toBe('fail');
    const widened = checkDeliveredWithin('nc', [sent], IFACE, {
      ...expectation,
      schedulingDelay: delay(300),
    });
    expect(widened.verdict).toBe('pass');
    expect(cites(widened.evidence)).toBe(true);
  });
});

describe('relay-served-within (RLY-FWD-008)', () => {
  const answers = [
    {
      refs: [{ ledger: 'suite', seq: 3 }],
      messageId: 'm1',
      status: 200,
      answeredMessageId: 'm1',
      durationMs: 1300,
    },
  ];
  test('an answer after 1,300 ms fails against 1,000, passes with 300 ms measured; a crossed one fails anyway', () => {
    const check = servedWithinCheck('RLY-FWD-008');
    expect(applyCheck(check, { answers, boundMs: 1000 })[0]?.verdict).toBe('fail');
    expect(applyCheck(check, { answers, boundMs: 1000, schedulingDelay: delay(300) })[0]?.verdict).toBe(
      'pass',
    );
    const crossed = [{ ...answers[0], answeredMessageId: 'm2' }] as typeof answers;
    expect(
      applyCheck(check, { answers: crossed, boundMs: 1000, schedulingDelay: delay(300) })[0]?.verdict,
    ).toBe('fail');
    expect(check.timeBound).toBe(true);
  });
});

describe('notice-deadline (MUN-NOT-005): the latest time widens, the earliest stays strict', () => {
  // The terminal status at 1,000 ms, deliveryBoundMs 3,000, grace 1,000: missing is due from 4,000 ms.
  const deadline = {
    terminalAtMs: 1_000,
    terminalRef: { ledger: 'national-center', seq: 1 },
    boundMs: 3_000,
  };
  const read = (startedAtMs: number, noticeState: string): ViewRead => ({
    startedAtMs,
    noticeState,
    ref: { ledger: 'suite', seq: startedAtMs },
  });
  const judge = (reads: ViewRead[], schedulingDelay?: MeasuredDelay) =>
    applyCheck(checkNoticeDeadline, {
      ...deadline,
      graceMs: 1_000,
      reads,
      ...(schedulingDelay ? { schedulingDelay } : {}),
    })[0]?.verdict;
  test('shown missing 300 ms past the grace: fails without, passes with 400 ms measured', () => {
    const reads = [read(2_000, 'awaited'), read(5_300, 'missing')];
    expect(judge(reads)).toBe('fail');
    expect(judge(reads, delay(400))).toBe('pass');
  });
  test('shown missing before the deadline fails even with a large measured delay', () => {
    expect(judge([read(3_900, 'missing')], delay(5_000))).toBe('fail');
  });
});
