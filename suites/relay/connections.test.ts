import { elapsedWithinCheck } from '../../src/checks/check-elapsed-within.ts';
import { servedWithinCheck } from '../../src/checks/check-relay-answers.ts';
import { baselineCheck } from '../../src/checks/check-relay-baseline.ts';
import type { RawConnection } from '../../src/client/raw-http-client.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import {
  DEADLINE_TOLERANCE_MS,
  HEADERS_DEADLINE_MS,
  rawClient,
} from '../../src/conformance/profiles/batch-receiver/receiver-judges.ts';
import type { EvidenceRef } from '../../src/report/report-model.ts';
import { relay } from './adapter.ts';
import {
  deviceGate,
  FORWARDING,
  forwardedToCenter,
  gaugesOf,
  normalTraffic,
  readMetrics,
  sendMessage,
  terminalMessage,
  waitForBaseline,
} from './relay-scenario.ts';

// Abandoned and slow connections at every phase while normal traffic flows (INC-2016-RELAY: a
// timeout at the very start of a connection crashed the relay 38 times). Each connection must
// fail alone; the others keep being served within the declared bound; what they held comes back.
const suite = conformanceSuite(relay);

/** How late past a declared client deadline a close still counts as that deadline (the relay's check interval). */
const ENFORCEMENT_SLACK_MS = 1_000;
/**
 * How long past deadline + slack the suite still watches a connection, so that a close delayed
 * by a loaded machine is timed and judged against the measured harness delay rather than missed.
 */
const LATE_WATCH_MS = 3_000;

suite.test(
  {
    id: 'RL-T01',
    title:
      'connections abandoned or stalled at every phase fail alone; normal messages keep being answered in time; connections and slots return to baseline',
    requirements: [
      'RLY-TMO-001',
      'RLY-TMO-003',
      'GEN-TMO-001',
      'GEN-TMO-002',
      'GEN-TMO-003',
      'RLY-FWD-008',
      'RLY-MET-001',
    ],
    timeoutMs: 60_000,
  },
  async (t) => {
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    const start = await readMetrics(t);
    const { bounds } = start.metrics;
    const before = gaugesOf(start);
    const centerMark = (await t.env.mock('national-center').ledgerEntries()).at(-1)?.seq ?? 0;
    const raw = rawClient(t);
    const gate = deviceGate(t);
    const request = (correlationId: string, message = terminalMessage()) => ({
      message,
      bytes: raw.encode({
        method: 'POST',
        path: '/relay/messages',
        headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
        body: JSON.stringify(message),
        interface: FORWARDING,
      }),
    });
    const open = () => raw.open({ interface: FORWARDING });
    const figures: Record<string, unknown> = {};
    const stalled = request('rl-t01-partial-body');
    const headEnd = stalled.bytes.indexOf('\r\n\r\n') + 4;

    const disturb = (async () => {
      // Connect, then silence; reset at once; partial headers then silence, then reset; partial
      // body then silence, then reset.
      const silent = await open();
      const resetAtConnect = await open();
      resetAtConnect.reset();
      const partialHeaders = await open();
      await partialHeaders.write(stalled.bytes.subarray(0, 40));
      const headersThenReset = await open();
      await headersThenReset.write(stalled.bytes.subarray(0, 40));
      headersThenReset.reset();
      const partialBody = await open();
      await partialBody.write(stalled.bytes.subarray(0, headEnd + 20));
      const bodyThenReset = await open();
      await bodyThenReset.write(request('rl-t01-body-reset').bytes.subarray(0, headEnd + 20));
      bodyThenReset.reset();
      const whileOpen = await readMetrics(t);
      figures.openWhileStalled = { ref: whileOpen.ref, open: whileOpen.metrics.connections.open };

      // Client gone before the response: the device holds the message until its terminal left.
      await gate.hold();
      const gone = await open();
      await gone.write(request('rl-t01-gone').bytes);
      await gate.held(1, deliveryBoundMs);
      gone.close();
      await gate.release({ order: 'arrival', keepHolding: false });

      // Reset as the response arrives.
      const resetMidResponse = await open();
      await resetMidResponse.write(request('rl-t01-reset-response').bytes);
      await resetMidResponse.answeredOrClosedWithin(deliveryBoundMs);
      resetMidResponse.reset();

      const closedAt = async (connection: RawConnection, bound: number) =>
        connection.closedAfterMs ?? (await connection.answeredOrClosedWithin(bound));
      const declaredHeaders = bounds.headersTimeoutMs + ENFORCEMENT_SLACK_MS + LATE_WATCH_MS;
      const declaredBody =
        bounds.headersTimeoutMs + bounds.bodyTimeoutMs + ENFORCEMENT_SLACK_MS + LATE_WATCH_MS;
      const closes = {
        silent: await closedAt(silent, declaredHeaders),
        partialHeaders: await closedAt(partialHeaders, declaredHeaders),
        partialBody: await closedAt(partialBody, declaredBody),
      };
      // Past the declared bound, the spec's own 10 s deadline still applies (GEN-TMO-001).
      const spec = HEADERS_DEADLINE_MS + DEADLINE_TOLERANCE_MS;
      const late = {
        silent: closes.silent ?? (await silent.closedWithin(spec)),
        partialHeaders: closes.partialHeaders ?? (await partialHeaders.closedWithin(spec)),
      };
      const entries = [silent, partialHeaders, partialBody].map((c) => c.close());
      return { closes, late, partialBodyAnswer: partialBody.answer, entries, declaredHeaders, declaredBody };
    })();
    const normal = await normalTraffic(t, disturb);
    const stalledOutcome = await disturb;
    const rawRefs: EvidenceRef[] = stalledOutcome.entries.map((e) => ({ ledger: 'suite', seq: e.seq }));
    const observed = t.observe('stalled-connections', {
      bounds,
      closedAfterMs: stalledOutcome.closes,
      closedWithinSpecDeadline: stalledOutcome.late,
      ...figures,
    });

    // Still serving after everything, and only within the declared bound.
    const last = terminalMessage();
    const lastAnswer = await sendMessage(t, last);
    const traffic = {
      answers: [
        ...normal,
        {
          refs: [{ ledger: 'suite', seq: lastAnswer.entry.seq }],
          messageId: last.messageId,
          status: lastAnswer.status,
          answeredMessageId: (lastAnswer.body as { messageId?: string } | null)?.messageId ?? null,
          durationMs: lastAnswer.entry.durationMs,
        },
      ],
      boundMs: deliveryBoundMs,
    };
    for (const requirement of ['RLY-TMO-001', 'RLY-TMO-003', 'GEN-TMO-002', 'GEN-TMO-003', 'RLY-FWD-008'])
      t.apply(servedWithinCheck(requirement), traffic);

    const { closes, late, declaredBody } = stalledOutcome;
    const say = (ms: number | null) => (ms === null ? 'not closed' : `closed after ${Math.round(ms)} ms`);
    // Each close within its declared bound, the slack and the measured harness delay.
    const closedWithin = (requirement: string, what: string, elapsedMs: number | null, body: boolean) =>
      t.apply(elapsedWithinCheck(requirement), {
        what,
        elapsedMs,
        boundMs: bounds.headersTimeoutMs + (body ? bounds.bodyTimeoutMs : 0),
        boundName: body ? 'headersTimeoutMs + bodyTimeoutMs' : 'headersTimeoutMs',
        toleranceMs: ENFORCEMENT_SLACK_MS,
        evidence: [observed, ...rawRefs],
      });
    closedWithin('RLY-TMO-001', 'a connection that sent nothing was closed', closes.silent, false);
    t.check(
      'GEN-TMO-001',
      late.silent !== null && late.partialHeaders !== null,
      `without complete headers: silent connection ${say(late.silent)}, partial headers ${say(late.partialHeaders)} (spec deadline ${HEADERS_DEADLINE_MS} ms)`,
      [observed, ...rawRefs],
    );
    const forwarded = await forwardedToCenter(t, centerMark);
    const stalledForwarded = forwarded.filter(
      (e) => (e.requestBody as { messageId?: string } | null)?.messageId === stalled.message.messageId,
    );
    t.check(
      'GEN-TMO-002',
      closes.partialBody !== null && stalledForwarded.length === 0,
      `a body that stopped part-way was ${say(closes.partialBody)}${stalledOutcome.partialBodyAnswer ? ` with ${stalledOutcome.partialBodyAnswer.status}` : ''} and ${stalledForwarded.length === 0 ? 'nothing of it was forwarded' : 'was forwarded'} (watched ${declaredBody} ms)`,
      [observed, ...rawRefs, ...stalledForwarded.map((e) => ({ ledger: 'national-center', seq: e.seq }))],
    );
    closedWithin('GEN-TMO-002', 'a body that stopped part-way was closed', closes.partialBody, true);
    // RLY-MET-001: the declared client bounds are enforced.
    closedWithin('RLY-MET-001', 'a connection that sent nothing was closed', closes.silent, false);
    closedWithin('RLY-MET-001', 'partial headers were closed', closes.partialHeaders, false);
    closedWithin('RLY-MET-001', 'a body that stopped part-way was closed', closes.partialBody, true);
    const openWhileStalled = figures.openWhileStalled as { ref: EvidenceRef; open: number };
    t.check(
      'RLY-MET-001',
      openWhileStalled.open >= before.openConnections + 3,
      `connections.open was ${openWhileStalled.open} while the suite held 3 stalled connections open (before: ${before.openConnections})`,
      [before.ref, openWhileStalled.ref],
    );
    const waitMs = bounds.idleTimeoutMs + bounds.headersTimeoutMs + bounds.bodyTimeoutMs + 2_000;
    const { after, waitedMs } = await waitForBaseline(t, before, waitMs);
    t.apply(baselineCheck('RLY-TMO-003'), { before, after, waitedMs });
    t.apply(baselineCheck('RLY-MET-001'), { before, after, waitedMs });
  },
);
