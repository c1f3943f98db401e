import { describe, expect, test } from 'vitest';
import { ownAnswersCheck, type RelayAnswer, servedWithinCheck } from './check-relay-answers.ts';
import { baselineCheck, type RelayGauges } from './check-relay-baseline.ts';
import { relayMessageLogged } from './check-relay-message-log.ts';
import { applyCheck } from './define-check.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const answer = (messageId: string, over: Partial<RelayAnswer> = {}): RelayAnswer => ({
  refs: [{ ledger: 'suite', seq: messageId === A ? 1 : 2 }],
  messageId,
  status: 200,
  answeredMessageId: messageId,
  durationMs: 40,
  ...over,
});

describe('relay answer checks', () => {
  test('own answers: passes when every terminal gets its own response, fails a crossed pair', () => {
    const check = ownAnswersCheck('RLY-DEV-001');
    expect(applyCheck(check, { answers: [answer(A), answer(B)], boundMs: 2000 })[0]).toMatchObject({
      verdict: 'pass',
      check: 'relay-own-answers:RLY-DEV-001',
    });
    const crossed = applyCheck(check, {
      answers: [answer(A, { answeredMessageId: B }), answer(B, { answeredMessageId: A })],
      boundMs: 2000,
    })[0];
    expect(crossed).toMatchObject({ verdict: 'fail', requirement: 'RLY-DEV-001' });
    expect(crossed?.message).toContain('2 of 2');
  });

  test('served within: fails a late, a failed and a missing answer; passes in-bound answers', () => {
    const check = servedWithinCheck('RLY-FWD-008');
    expect(applyCheck(check, { answers: [answer(A), answer(B)], boundMs: 2000 })[0]?.verdict).toBe('pass');
    for (const bad of [{ durationMs: 2500 }, { status: 504, answeredMessageId: null }, { status: null }])
      expect(applyCheck(check, { answers: [answer(A), answer(B, bad)], boundMs: 2000 })[0]).toMatchObject({
        verdict: 'fail',
        evidence: [{ ledger: 'suite', seq: 2 }],
      });
    expect(applyCheck(check, { answers: [], boundMs: 2000 })[0]?.verdict).toBe('inconclusive');
  });
});

describe('relay baseline check', () => {
  const gauges = (seq: number, openConnections: number, messagesInProgress: number): RelayGauges => ({
    ref: { ledger: 'suite', seq },
    openConnections,
    messagesInProgress,
  });
  test('passes gauges back at (or below) their level, fails a leaked slot or connection', () => {
    const check = baselineCheck('RLY-TMO-003');
    expect(
      applyCheck(check, { before: gauges(1, 2, 0), after: gauges(9, 1, 0), waitedMs: 10 })[0]?.verdict,
    ).toBe('pass');
    expect(
      applyCheck(check, { before: gauges(1, 2, 0), after: gauges(9, 2, 1), waitedMs: 3000 })[0],
    ).toMatchObject({
      verdict: 'fail',
      evidence: [
        { ledger: 'suite', seq: 1 },
        { ledger: 'suite', seq: 9 },
      ],
    });
    expect(
      applyCheck(check, { before: gauges(1, 2, 0), after: gauges(9, 5, 0), waitedMs: 3000 })[0]?.verdict,
    ).toBe('fail');
  });
});

describe('relay message log check', () => {
  const messages = [{ messageId: A, correlationId: 'c-1', ref: { ledger: 'suite', seq: 3 } }];
  const eventsRef = { ledger: 'suite', seq: 4 };
  const full = {
    event: 'message-handled',
    correlationId: 'c-1',
    messageId: A,
    operationIds: ['op-1'],
    phases: [{ phase: 'seal-request', ms: 1.2 }],
    outcome: 'forwarded',
  };
  test('passes a message logged with every field, fails one logged with the access line only', () => {
    expect(applyCheck(relayMessageLogged, { messages, events: [full], eventsRef })[0]?.verdict).toBe('pass');
    const thin = [{ event: 'request', correlationId: 'c-1', status: 200 }];
    expect(applyCheck(relayMessageLogged, { messages, events: thin, eventsRef })[0]).toMatchObject({
      verdict: 'fail',
      evidence: [eventsRef, { ledger: 'suite', seq: 3 }],
    });
  });
});
