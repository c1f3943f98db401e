import { elapsedWithinCheck } from '../../src/checks/check-elapsed-within.ts';
import { servedWithinCheck } from '../../src/checks/check-relay-answers.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { DEADLINE_TOLERANCE_MS } from '../../src/conformance/profiles/batch-receiver/receiver-judges.ts';
import { relay } from './adapter.ts';
import {
  CENTER,
  DEVICE,
  FORWARDING,
  sendConcurrently,
  sendMessage,
  terminalMessage,
} from './relay-scenario.ts';

// Failures of the relay's dependencies fail one message each, never as a success: the center's
// 5xx and resets are 503 unavailable, a device that never completes is 504 timeout in time.
const suite = conformanceSuite(relay);

suite.test(
  {
    id: 'RL-E02',
    title: 'a center that fails or resets gets its message 503, a silent device 504 in time; others go on',
    requirements: ['RLY-FWD-005', 'RLY-DEV-002', 'RLY-FWD-008'],
    timeoutMs: 60_000,
  },
  async (t) => {
    const { requestTimeoutMs, deliveryBoundMs } = t.env.capabilities.parameters;
    const center = t.env.mock(CENTER);
    const outcome = (answer: Awaited<ReturnType<typeof sendMessage>>) =>
      `${answer.status ?? answer.entry.outcome} ${(answer.body as { type?: string } | null)?.type ?? ''}`.trim();
    for (const [id, action] of [
      ['center-500', { kind: 'status', status: 500 }],
      ['center-reset', { kind: 'reset' }],
    ] as const) {
      await center.setFaults({ rules: [{ id, interface: FORWARDING, times: 1, action }] });
      const answer = await sendMessage(t, terminalMessage());
      t.check(
        'RLY-FWD-005',
        answer.status === 503 &&
          (answer.body as { type?: string } | null)?.type === 'urn:tekigo:problem:unavailable',
        `the center's ${id === 'center-500' ? '500' : 'reset'} was answered ${outcome(answer)}`,
        [{ ledger: 'suite', seq: answer.entry.seq }],
      );
    }
    await center.clearFaults();
    await t.env
      .mock(DEVICE)
      .setFaults({ rules: [{ id: 'device-silent', interface: DEVICE, times: 1, action: { kind: 'hang' } }] });
    const silent = sendMessage(t, terminalMessage());
    const others = await sendConcurrently(t, 3);
    const answer = await silent;
    const refs = [{ ledger: 'suite', seq: answer.entry.seq }];
    t.check(
      'RLY-DEV-002',
      answer.status === 504 &&
        (answer.body as { type?: string } | null)?.type === 'urn:tekigo:problem:timeout',
      `a message whose device operation never completed was answered ${outcome(answer)}`,
      refs,
    );
    t.apply(elapsedWithinCheck('RLY-DEV-002'), {
      what: 'a message whose device operation never completed was answered',
      elapsedMs: answer.entry.outcome === 'answered' ? answer.entry.durationMs : null,
      boundMs: requestTimeoutMs,
      boundName: 'requestTimeoutMs',
      toleranceMs: DEADLINE_TOLERANCE_MS,
      evidence: refs,
    });
    t.apply(servedWithinCheck('RLY-FWD-008'), { answers: others, boundMs: deliveryBoundMs });
  },
);
