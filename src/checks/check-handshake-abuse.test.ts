import { describe, expect, test } from 'vitest';
import { type AbusedHandshake, type HandshakeAbuse, handshakeAbuseCheck } from './check-handshake-abuse.ts';
import { applyCheck } from './define-check.ts';

const check = handshakeAbuseCheck('GEN-TMO-004');
let seq = 0;
const abused = (what: string, closedAfterMs: number | null, openForMs = closedAfterMs ?? 11_500) => ({
  what,
  closedAfterMs,
  openForMs,
  ref: { ledger: 'suite', seq: ++seq },
});
const served = (what: string, status: number | null, outcome = 'answered') => ({
  what,
  outcome,
  status,
  expected: 200,
  ref: { ledger: 'suite', seq: ++seq },
});
const input = (over: Partial<HandshakeAbuse> = {}): HandshakeAbuse => ({
  deadlineMs: 10_000,
  toleranceMs: 500,
  abused: [abused('a connection that sent nothing', 1_020), abused('half a ClientHello', 1_030)],
  served: [served('GET /health while held', 200), served('GET /dead-letters after', 200)],
  ...over,
});
const judged = (over: Partial<HandshakeAbuse> = {}) => applyCheck(check, input(over))[0];

describe('handshakeAbuseCheck (GEN-TMO-004, RLY-TMO-002)', () => {
  test('passes stalled handshakes closed within the deadline while the authenticated client is served', () => {
    const finding = judged();
    expect(finding).toMatchObject({
      verdict: 'pass',
      requirement: 'GEN-TMO-004',
      check: 'handshake-abuse:GEN-TMO-004',
    });
    expect(finding?.message).toMatch(/the last after 1030 ms ≤ 10000 \+ 500 ms/);
  });

  test('fails a stalled handshake still open past the deadline', () => {
    const finding = judged({ abused: [abused('a connection that sent nothing', null, 11_500)] });
    expect(finding?.verdict).toBe('fail');
    expect(finding?.message).toMatch(
      /a connection that sent nothing: still open after 11500 ms > 10000 \+ 500 ms/,
    );
  });

  test('fails a client starved while handshakes are held, even before the deadline', () => {
    const finding = judged({
      abused: [abused('a connection that sent nothing', null, 300)],
      served: [served('GET /health while held', null, 'network-error')],
    });
    expect(finding?.verdict).toBe('fail');
    expect(finding?.message).toMatch(/GET \/health while held was not answered \(network-error\), not 200/);
  });

  test('widens only by the measured harness delay, and cites it', () => {
    const late: AbusedHandshake[] = [abused('a ClientHello, then silence', 10_900)];
    const delay = { delayMs: 600, evidence: { ledger: 'suite', seq: 999 } };
    expect(judged({ abused: late })?.verdict).toBe('fail');
    const finding = judged({ abused: late, schedulingDelay: delay });
    expect(finding?.verdict).toBe('pass');
    expect(finding?.evidence).toContainEqual({ ledger: 'suite', seq: 999 });
  });

  test('is inconclusive, never passed, while a connection is open short of the limit', () => {
    expect(judged({ abused: [abused('half a ClientHello', null, 4_000)] })?.verdict).toBe('inconclusive');
    expect(judged({ abused: [] })?.verdict).toBe('inconclusive');
  });
});

test('names the first three failures and counts the rest', () => {
  const many = Array.from({ length: 5 }, (_, i) =>
    abused(`a connection that sent nothing (${i + 1})`, null, 12_000),
  );
  expect(judged({ abused: many })?.message).toMatch(
    /\(3\): still open after 12000 ms > 10000 \+ 500 ms; and 2 more$/,
  );
});
