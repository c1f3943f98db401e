import { elapsedWithinCheck } from '../../src/checks/check-elapsed-within.ts';
import { baselineCheck } from '../../src/checks/check-relay-baseline.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { judgeReconciliationQueryRefusals } from '../../src/conformance/profiles/reconciliation/reconciliation-query-refusals.ts';
import { jstDate } from '../../src/reconciliation/accepted-digest.ts';
import type { ReconciliationEntry } from '../../src/reconciliation/reconciliation-entry.ts';
import { relay } from './adapter.ts';
import {
  CENTER,
  DEVICE,
  deviceGate,
  failNextSeal,
  gaugesOf,
  readMetrics,
  sendConcurrently,
  sendMessage,
  terminalMessage,
  waitForBaseline,
} from './relay-scenario.ts';

// What the relay shows of itself (INC-2016-RELAY: it had to be patched before anyone could see
// its connection counts): metrics that move with the load and count the limits it hits, and
// reconciliation counts on both of its sides.
const suite = conformanceSuite(relay);

/** GEN-HLT-003: /health answers within this long while the relay is saturated. */
const HEALTH_BOUND_MS = 2_000;

suite.test(
  {
    id: 'RL-M01',
    title:
      'metrics move with the load, the message limit answers 503 overloaded and is counted, /health still answers, then all returns to baseline',
    requirements: ['RLY-MET-001', 'RLY-MET-002', 'GEN-TMO-006', 'GEN-HLT-003'],
    timeoutMs: 60_000,
  },
  async (t) => {
    const start = await readMetrics(t);
    const before = gaugesOf(start);
    const { maxConcurrentRequests, idleTimeoutMs } = start.metrics.bounds;
    const gate = deviceGate(t);
    await gate.hold();
    const load = Array.from({ length: maxConcurrentRequests }, terminalMessage).map((m) => sendMessage(t, m));
    // The device holds every message's first operation: all of them are in progress at once.
    await gate.held(maxConcurrentRequests, t.env.capabilities.parameters.requestTimeoutMs / 2);
    const loaded = await readMetrics(t);
    const beyond = await sendMessage(t, terminalMessage());
    const refused = await readMetrics(t);
    // The relay is as busy as it declares it can be, and /health still answers.
    const health = await t.env.sut.get('/health', { interface: 'health' });
    await gate.release({ order: 'arrival', keepHolding: false });
    await Promise.all(load);
    const { messages, connections, limitHits } = loaded.metrics;
    t.check(
      'RLY-MET-001',
      messages.inProgress >= maxConcurrentRequests &&
        connections.open >= before.openConnections + maxConcurrentRequests,
      `with ${maxConcurrentRequests} messages held: messages.inProgress ${before.messagesInProgress} → ${messages.inProgress}, connections.open ${before.openConnections} → ${connections.open}`,
      [before.ref, loaded.ref],
    );
    const type = (beyond.body as { type?: string } | null)?.type;
    const retryAfter = beyond.headers['retry-after'];
    const overloaded =
      beyond.status === 503 && type === 'urn:tekigo:problem:overloaded' && retryAfter !== undefined;
    const answer = `message ${maxConcurrentRequests + 1} was answered ${beyond.status} ${type ?? ''}${retryAfter !== undefined ? ` Retry-After ${retryAfter}` : ' without Retry-After'}`;
    const beyondRef = { ledger: 'suite', seq: beyond.entry.seq };
    t.check('GEN-TMO-006', overloaded, answer, [beyondRef]);
    const counted = refused.metrics.limitHits - limitHits;
    const countedOverload = refused.metrics.messages.overloaded - messages.overloaded;
    t.check(
      'RLY-MET-002',
      overloaded && counted === 1 && countedOverload === 1,
      `${answer}; limitHits moved by ${counted}, messages.overloaded by ${countedOverload}`,
      [beyondRef, loaded.ref, refused.ref],
    );
    t.apply(elapsedWithinCheck('GEN-HLT-003'), {
      what: `with ${maxConcurrentRequests} messages in progress (declared maxConcurrentRequests), /health answered ${health.status === 200 ? '200' : `${health.status}, not 200`}`,
      elapsedMs: health.status === 200 ? health.entry.durationMs : null,
      boundMs: HEALTH_BOUND_MS,
      boundName: 'the 2 s of GEN-HLT-003',
      toleranceMs: 0,
      evidence: [{ ledger: 'suite', seq: health.entry.seq }],
    });
    const { after, waitedMs } = await waitForBaseline(t, before, idleTimeoutMs + 3_000);
    t.apply(baselineCheck('RLY-MET-001'), { before, after, waitedMs });
  },
);

suite.test(
  {
    id: 'RL-R01',
    title: 'reconciliation matches every message received from terminals with one forwarded or one failed',
    requirements: ['RLY-REC-001', 'GEN-REC-001'],
  },
  async (t) => {
    await sendConcurrently(t, 3);
    await failNextSeal(t);
    const failing = await sendMessage(t, terminalMessage());
    await t.env.mock(DEVICE).clearFaults();
    const date = jstDate(new Date().toISOString());
    const report = async (peer: string) => {
      const answer = await t.env.sut.get(`/reconciliation?date=${date}&peer=${peer}`, {
        interface: 'reconciliation',
        responseType: 'reconciliation/report',
      });
      const entries = (answer.body as { entries?: ReconciliationEntry[] } | null)?.entries ?? [];
      return {
        answer,
        entry: entries.find((e) => e.interface === 'relay-forwarding'),
        ref: { ledger: 'suite', seq: answer.entry.seq },
      };
    };
    const inbound = await report('municipality');
    const outbound = await report('national-center');
    for (const side of [inbound, outbound])
      t.check(
        'GEN-REC-001',
        side.answer.status === 200 &&
          side.answer.entry.validation.response?.valid === true &&
          side.entry !== undefined,
        `GET ${side.answer.entry.path} answered ${side.answer.status} ${side.entry ? `with a relay-forwarding ${side.entry.direction} entry` : 'without a relay-forwarding entry'}`,
        [side.ref],
      );
    const i = inbound.entry?.counts;
    const o = outbound.entry?.counts;
    const matched =
      i !== undefined &&
      o !== undefined &&
      i.total === 4 &&
      i.accepted === 3 &&
      i.rejected === 1 &&
      i.pending === 0 &&
      o.accepted === i.accepted &&
      inbound.entry?.acceptedDigest === outbound.entry?.acceptedDigest;
    t.check(
      'RLY-REC-001',
      matched,
      `4 messages received (3 forwarded, 1 failed at the device, answered ${failing.status}): inbound ${JSON.stringify(i ?? null)}, outbound ${JSON.stringify(o ?? null)}${inbound.entry?.acceptedDigest === outbound.entry?.acceptedDigest ? ', same accepted digest' : ', accepted digests differ'}`,
      [inbound.ref, outbound.ref, { ledger: 'suite', seq: failing.entry.seq }],
    );
  },
);

suite.test(
  {
    id: 'RL-R02',
    title:
      'a reconciliation query with a malformed date or an unknown peer is refused naming the parameter; a party the relay has no interface with gets no entries',
    requirements: ['GEN-REC-007', 'GEN-REC-009'],
  },
  async (t) => {
    await judgeReconciliationQueryRefusals(t, CENTER);
    // The certification authority is a party, but the relay exchanges nothing with it.
    const date = jstDate(new Date().toISOString());
    const answer = await t.env.sut.get(`/reconciliation?date=${date}&peer=certification-authority`, {
      interface: 'reconciliation',
      responseType: 'reconciliation/report',
    });
    const entries = (answer.body as { entries?: unknown[] } | null)?.entries;
    t.check(
      'GEN-REC-009',
      answer.status === 200 && Array.isArray(entries) && entries.length === 0,
      `peer=certification-authority answered ${answer.status} with ${Array.isArray(entries) ? `${entries.length} entries` : 'no entries array'}`,
      [{ ledger: 'suite', seq: answer.entry.seq }],
    );
  },
);
