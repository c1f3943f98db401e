import { elapsedWithinCheck } from '../../src/checks/check-elapsed-within.ts';
import { servedWithinCheck } from '../../src/checks/check-relay-answers.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { DEADLINE_TOLERANCE_MS } from '../../src/conformance/profiles/batch-receiver/receiver-judges.ts';
import { relay } from './adapter.ts';
import {
  CENTER,
  FORWARDING,
  forwardedToCenter,
  readMetrics,
  sendConcurrently,
  sendMessage,
  terminalMessage,
} from './relay-scenario.ts';

// The national center hangs on one message: that message alone ends 504 within the relay's
// requestTimeoutMs, the others are forwarded meanwhile, and the timeout is counted.
const suite = conformanceSuite(relay);

suite.test(
  {
    id: 'RL-U01',
    title:
      'a hanging national center gets its message a 504 within requestTimeoutMs; other messages are unaffected',
    requirements: ['RLY-FWD-004', 'GEN-SEND-002', 'RLY-FWD-008', 'RLY-MET-003'],
    timeoutMs: 60_000,
  },
  async (t) => {
    const { requestTimeoutMs, deliveryBoundMs } = t.env.capabilities.parameters;
    const center = t.env.mock(CENTER);
    const mark = (await center.ledgerEntries()).at(-1)?.seq ?? 0;
    const before = await readMetrics(t);
    await center.setFaults({
      rules: [
        {
          id: 'center-hangs',
          interface: FORWARDING,
          when: { calls: { from: 1, to: 1 } },
          action: { kind: 'hang' },
        },
      ],
    });
    const hung = terminalMessage();
    const hanging = sendMessage(t, hung);
    // The others go only once the center holds the first one open.
    await t.waitFor(
      'the center holds the first message',
      async () =>
        (await center.ledgerEntries(mark)).some((e) => e.kind === 'observation' && e.what === 'held-open')
          ? true
          : undefined,
      { timeoutMs: deliveryBoundMs, intervalMs: 10 },
    );
    const others = await sendConcurrently(t, 3);
    const answer = await hanging;
    const after = await readMetrics(t);
    const refs = [{ ledger: 'suite', seq: answer.entry.seq }];
    const type = (answer.body as { type?: string } | null)?.type;
    t.check(
      'RLY-FWD-004',
      answer.status === 504 && type === 'urn:tekigo:problem:timeout',
      `the message the center never answered was answered ${answer.status ?? answer.entry.outcome} ${type ?? ''} after ${Math.round(answer.entry.durationMs)} ms`,
      refs,
    );
    const held = (await forwardedToCenter(t, mark)).find(
      (e) => (e.requestBody as { messageId?: string } | null)?.messageId === hung.messageId,
    );
    const heldRefs = held ? [{ ledger: CENTER, seq: held.seq }] : refs;
    t.check(
      'GEN-SEND-002',
      held?.outcome === 'aborted',
      held ? `the call the center held ended ${held.outcome}` : 'the center never saw the call end',
      heldRefs,
    );
    t.apply(elapsedWithinCheck('GEN-SEND-002'), {
      what: 'the relay abandoned the call the center held',
      elapsedMs: held?.outcome === 'aborted' ? held.durationMs : null,
      boundMs: requestTimeoutMs,
      boundName: 'requestTimeoutMs',
      toleranceMs: DEADLINE_TOLERANCE_MS,
      evidence: heldRefs,
    });
    t.apply(servedWithinCheck('RLY-FWD-008'), { answers: others, boundMs: deliveryBoundMs });
    const counted = after.metrics.upstreamTimeouts - before.metrics.upstreamTimeouts;
    t.check(
      'RLY-MET-003',
      counted === 1,
      `upstreamTimeouts moved by ${counted} for one message the center did not answer`,
      [before.ref, after.ref],
    );
  },
);
