import { checkNoticeDeadline, type ViewRead } from '../../src/checks/check-notice-deadline.ts';
import { parseLogEvents, refsOf } from '../../src/checks/index.ts';
import { eventsWith, withLog } from '../../src/checks/log-events.ts';
import { type ConformanceTest, conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { PERMANENT_REJECTION } from '../../src/conformance/profiles/problem-types.ts';
import { CARD_DESK_CONTROL } from '../../src/mocks/national-center/municipality-desk.ts';
import { markTargetLog, targetLogSince } from '../certification-authority/ca-scenario.ts';
import { municipality } from './adapter.ts';
import {
  applyChanges,
  type BatchView,
  birth,
  CARD_PRODUCTION,
  CENTER,
  deliverNotice,
  exchanges,
  NOTICES,
  notice,
  pause,
  planResidents,
  type SubmittedBatch,
  statusReads,
  submitCards,
  TERMINAL,
  terminalRead,
  viewBatch,
} from './mun-scenario.ts';

// Card batches and their registration notices (INC-2015-CARD): the operator sees what the center
// says, never more; each notice is applied once, and a missing one is reported in time.
const suite = conformanceSuite(municipality);

/** Three new residents' cards submitted in one batch; the center stores it (202) and ends the second card failed. */
async function batchWithSecondCardFailing(t: ConformanceTest): Promise<SubmittedBatch> {
  const residents = planResidents(3);
  await applyChanges(t, residents.map(birth));
  await t.env.mock(CENTER).setFaults({
    rules: [
      {
        id: 'second-card-fails',
        interface: CARD_PRODUCTION,
        method: 'POST',
        when: { records: { pointer: '/residentCode', in: [residents[1]?.residentCode] } },
        action: { kind: 'reject-records', problem: PERMANENT_REJECTION },
      },
    ],
  });
  return submitCards(
    t,
    residents.map((r) => r.residentCode),
  );
}

suite.test(
  {
    id: 'MU-K01',
    title:
      'a batch the center reports partially-completed is never shown completed, and its status is read no faster than declared',
    requirements: ['MUN-CARD-001', 'MUN-CARD-002', 'MUN-CARD-004'],
    timeoutMs: 30_000,
  },
  async (t) => {
    const { deliveryBoundMs, retry } = t.env.capabilities.parameters;
    const batch = await batchWithSecondCardFailing(t);
    // Read the operator view from the 202 on, until the municipality has read the terminal status and some more.
    const views: { view: BatchView | undefined; seq: number }[] = [];
    const terminal = await t.waitFor(
      'the operator view after the terminal status',
      async () => {
        const { answer, view } = await viewBatch(t, batch.batchId);
        views.push({ view, seq: answer.entry.seq });
        const reads = await statusReads(t, batch.batchId);
        const readTerminal = reads.some((e) =>
          TERMINAL.has(String((e.responseBody as { state?: string }).state)),
        );
        return readTerminal && view && TERMINAL.has(view.state) ? { view, reads } : undefined;
      },
      { timeoutMs: deliveryBoundMs, intervalMs: 25 },
    );
    const reads = terminal?.reads ?? (await statusReads(t, batch.batchId));
    const centerFinal = reads.at(-1)?.responseBody as
      | { state: string; records: { recordId: string; outcome: string }[] }
      | undefined;
    t.check(
      'MUN-CARD-001',
      centerFinal !== undefined && TERMINAL.has(centerFinal.state),
      centerFinal
        ? `the municipality followed the batch's status to ${centerFinal.state} in ${reads.length} read(s)`
        : 'the municipality never read the batch status',
      refsOf(CENTER, [batch.accepted, ...reads]),
    );
    // The center keeps the batch undecided for a while, so a municipality that polls too often does so several times.
    const gaps = reads.slice(1).map((e, i) => Math.round(e.startMs - (reads[i]?.startMs ?? 0)));
    const tooSoon = gaps.filter((gap) => gap < retry.initialBackoffMs - 2);
    t.check(
      'MUN-CARD-002',
      reads.length >= 2 && tooSoon.length === 0,
      reads.length < 2
        ? 'the status was read fewer than twice'
        : `${reads.length} status reads, the closest ${Math.min(...gaps)} ms apart (declared initialBackoffMs ${retry.initialBackoffMs})`,
      refsOf(CENTER, reads),
    );
    const suiteRefs = views.map((v) => ({ ledger: 'suite', seq: v.seq }));
    const claimedCompleted = views.filter((v) => v.view?.state === 'completed');
    const final = terminal?.view;
    const outcomes = new Map((centerFinal?.records ?? []).map((r) => [r.recordId, r.outcome]));
    const differing = (final?.records ?? []).filter((r) => outcomes.get(r.recordId) !== r.outcome);
    t.check(
      'MUN-CARD-004',
      claimedCompleted.length === 0 &&
        final?.state === centerFinal?.state &&
        differing.length === 0 &&
        final !== undefined,
      claimedCompleted.length > 0
        ? `the operator view showed completed ${claimedCompleted.length} time(s) for a batch the center reports ${centerFinal?.state}`
        : final === undefined
          ? 'the operator view never showed the batch terminal'
          : `the operator view shows ${final.state} with ${differing.length} record outcome(s) differing from the center's ${centerFinal?.state}`,
      claimedCompleted.length > 0
        ? claimedCompleted.map((v) => ({ ledger: 'suite', seq: v.seq }))
        : suiteRefs.slice(-1),
    );
  },
);

suite.test(
  {
    id: 'MU-K02',
    title:
      'a batch status that says completed while its counts and records disagree with the batch is not taken, and is logged as an error naming the batch',
    requirements: ['MUN-CARD-003'],
    timeoutMs: 30_000,
  },
  async (t) => {
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    const mark = t.env.control ? markTargetLog(t) : undefined;
    // The second card fails; once decided, the center says completed, counts all three
    // registered and lists only the two that are (INC-2015-CARD).
    await t.env.peer(CENTER).post(CARD_DESK_CONTROL.misreport, { mode: 'completed-omitting-failures' });
    const batch = await batchWithSecondCardFailing(t);
    // Reads are sequential: once the center answered a second misreport, the first was taken or
    // not; a view already completed after the first is taken.
    const views: { view: BatchView | undefined; seq: number }[] = [];
    const misreports = await t.waitFor(
      'two inconsistent status reads answered',
      async () => {
        const { answer, view } = await viewBatch(t, batch.batchId);
        views.push({ view, seq: answer.entry.seq });
        const reads = (await statusReads(t, batch.batchId)).filter(
          (e) => (e.responseBody as { state?: string }).state === 'completed',
        );
        // A municipality that took the first one as terminal may never read again.
        return reads.length >= 2 || (reads.length === 1 && view?.state === 'completed') ? reads : undefined;
      },
      { timeoutMs: deliveryBoundMs, intervalMs: 25 },
    );
    if (!misreports)
      return t.notApplicable('the municipality did not read the batch status once it was decided');
    const { answer, view } = await viewBatch(t, batch.batchId);
    views.push({ view, seq: answer.entry.seq });
    const taken = views.filter((v) => v.view?.state === 'completed');
    const listed = (misreports[0]?.responseBody as { records?: unknown[] } | undefined)?.records?.length;
    t.check(
      'MUN-CARD-003',
      taken.length === 0,
      taken.length > 0
        ? `the operator view showed completed ${taken.length} time(s) for a status whose counts claim 3 registered while its records list ${listed} of the batch's 3`
        : `after ${misreports.length} inconsistent completed statuses the operator view shows ${view?.state ?? `nothing (${answer.status})`}, never completed`,
      [
        ...refsOf(CENTER, misreports),
        ...(taken.length > 0 ? taken : views.slice(-1)).map((v) => ({ ledger: 'suite', seq: v.seq })),
      ],
    );
    if (!mark) return;
    const log = await targetLogSince(t, mark);
    const logged = eventsWith(parseLogEvents(log.lines), batch.batchId).filter(
      (e) => e.fields.level === 'error',
    );
    t.check(
      'MUN-CARD-003',
      logged.length > 0,
      logged.length > 0
        ? `the target logged the inconsistent status as an error naming the batch (${String(logged[0]?.fields.event ?? 'an event')})`
        : 'no error-level log event names the batch whose status was inconsistent',
      withLog(log),
    );
  },
);

/** A batch of `count` new residents' cards, submitted and read terminal by the municipality. */
async function terminalBatch(t: Parameters<Parameters<typeof suite.test>[1]>[0], count: number) {
  const residents = planResidents(count);
  await applyChanges(t, residents.map(birth));
  const batch = await submitCards(
    t,
    residents.map((r) => r.residentCode),
  );
  const terminal = await terminalRead(t, batch.batchId, t.env.capabilities.parameters.deliveryBoundMs);
  return { batch, terminal };
}

const registered = (batch: SubmittedBatch, from: number, to: number) =>
  batch.recordIds.slice(from, to).map((recordId) => ({ recordId, outcome: 'registered' as const }));

suite.test(
  {
    id: 'MU-N01',
    title:
      'a final registration notice that never comes is shown missing once deliveryBoundMs has passed, not before',
    requirements: ['MUN-NOT-005', 'MUN-NOT-003'],
    timeoutMs: 30_000,
  },
  async (t) => {
    const { deliveryBoundMs, retry } = t.env.capabilities.parameters;
    // The log is judged only when tekigo launched the target and reads its log.
    const mark = t.env.control ? markTargetLog(t) : undefined;
    const { batch, terminal } = await terminalBatch(t, 1);
    if (!terminal)
      return t.notApplicable('the municipality never read the batch terminal, so no deadline started');
    // The start of the read the center answered terminal: the municipality cannot have read it earlier.
    // (Its end, as the mock records it, may come after the municipality already had the answer.)
    const terminalAtMs = Date.parse(terminal.at);
    // The municipality polls every initialBackoffMs; the suite reads every 100 ms.
    const graceMs = retry.initialBackoffMs + 1_000;
    const reads: ViewRead[] = [];
    const read = async () => {
      const startedAtMs = Date.now();
      const { answer, view } = await viewBatch(t, batch.batchId);
      reads.push({
        startedAtMs,
        noticeState: view?.notice.state,
        ref: { ledger: 'suite', seq: answer.entry.seq },
      });
      return view?.notice.state === 'missing' ? true : undefined;
    };
    const shown = await t.waitFor('the notice shown missing', read, {
      timeoutMs: terminalAtMs + deliveryBoundMs + graceMs + 200 - Date.now(),
      intervalMs: 100,
    });
    // On a loaded machine the check allows the measured harness delay too: read once more after it.
    const schedulingDelay = t.schedulingDelay();
    const lateEnoughMs = terminalAtMs + deliveryBoundMs + graceMs + schedulingDelay.delayMs + 50;
    if (!shown && (reads.at(-1)?.startedAtMs ?? 0) < lateEnoughMs) {
      await pause(Math.max(0, lateEnoughMs - Date.now()));
      await read();
    }
    t.apply(checkNoticeDeadline, {
      terminalAtMs,
      terminalRef: { ledger: CENTER, seq: terminal.seq },
      boundMs: deliveryBoundMs,
      graceMs,
      reads,
      schedulingDelay,
    });
    if (!mark) return;
    const log = await targetLogSince(t, mark);
    const reported = eventsWith(parseLogEvents(log.lines), batch.batchId).filter((e) =>
      [...e.values].some((v) => /missing/i.test(v)),
    );
    t.check(
      'MUN-NOT-003',
      reported.length > 0,
      reported.length > 0
        ? `the target logged the missing notice naming the batch (${String(reported[0]?.fields.event ?? 'an event')})`
        : 'no log event names the batch together with the missing notice',
      withLog(log),
    );
  },
);

suite.test(
  {
    id: 'MU-N02',
    title:
      'notices delivered twice and out of order are applied once each; a changed notice under a known id is refused',
    requirements: ['MUN-NOT-001', 'MUN-NOT-002'],
    timeoutMs: 30_000,
  },
  async (t) => {
    const { batch } = await terminalBatch(t, 3);
    const early = notice(batch, registered(batch, 0, 2), false);
    const final = notice(batch, registered(batch, 2, 3), true);
    // Every notice is delivered twice (same body, same correlation id), the final one first.
    await t.env.mock(CENTER).setFaults({
      rules: [{ id: 'twice', interface: NOTICES, action: { kind: 'duplicate-delivery' } }],
    });
    await deliverNotice(t, final);
    await deliverNotice(t, early);
    await t.env.mock(CENTER).clearFaults();
    const { answer, view } = await viewBatch(t, batch.batchId);
    const deliveries = exchanges(await t.env.mock(CENTER).ledgerEntries(), NOTICES);
    const outcomes = deliveries.map(
      (e) => (e.responseBody as { outcome?: string } | null)?.outcome ?? String(e.status),
    );
    const viewRef = { ledger: 'suite', seq: answer.entry.seq };
    t.check(
      'MUN-NOT-002',
      outcomes.join() === 'acknowledged,duplicate,acknowledged,duplicate' &&
        view?.notice.noticesApplied === 2,
      `four deliveries answered ${outcomes.join(', ')}; the operator view counts ${view?.notice.noticesApplied} notice(s) applied (expected acknowledged, duplicate twice over, and 2)`,
      [...refsOf(CENTER, deliveries), viewRef],
    );
    const unnotified = (view?.records ?? []).filter((r) => !r.notified || r.outcome !== 'registered');
    t.check(
      'MUN-NOT-001',
      view !== undefined && unnotified.length === 0 && view.notice.state === 'received',
      view === undefined
        ? 'the operator view did not answer'
        : `after the acknowledgements the view shows ${view.records.length - unnotified.length} of ${view.records.length} records notified registered, notice ${view.notice.state}`,
      [viewRef],
    );
    // The same noticeId with another outcome: a conflict, and nothing changes.
    const changed = {
      ...early,
      records: [
        {
          ...(early.records as object[])[0],
          outcome: 'failed',
          problem: { type: 'urn:tekigo:problem:unknown-resident', title: 'Unknown resident', status: 422 },
        },
      ].map(({ registeredAt: _r, ...r }: Record<string, unknown>) => r),
      sentAt: early.sentAt,
    };
    await deliverNotice(t, changed);
    const conflict = exchanges(await t.env.mock(CENTER).ledgerEntries(), NOTICES).at(-1);
    const after = await viewBatch(t, batch.batchId);
    t.check(
      'MUN-NOT-002',
      conflict?.status === 409 &&
        after.view?.records[0]?.outcome === 'registered' &&
        after.view.notice.noticesApplied === 2,
      `a changed notice under a known noticeId was answered ${conflict?.status}; the first record now shows ${after.view?.records[0]?.outcome} (expected 409 and registered)`,
      [...(conflict ? refsOf(CENTER, [conflict]) : []), { ledger: 'suite', seq: after.answer.entry.seq }],
    );
  },
);

suite.test(
  {
    id: 'MU-N03',
    title:
      'a notice for a batch the municipality never submitted is refused 404 unknown-batch and stored nowhere',
    requirements: ['MUN-NOT-004'],
  },
  async (t) => {
    const stranger: SubmittedBatch = {
      batchId: crypto.randomUUID(),
      recordIds: [crypto.randomUUID()],
      accepted: { requestBody: { municipalityCode: '131016' } } as SubmittedBatch['accepted'],
    };
    const body = notice(stranger, registered(stranger, 0, 1), true);
    await deliverNotice(t, body);
    await pause(10);
    await deliverNotice(t, body);
    const deliveries = exchanges(await t.env.mock(CENTER).ledgerEntries(), NOTICES);
    const unknownBatch = deliveries.filter(
      (e) =>
        e.status === 404 &&
        (e.responseBody as { type?: string } | null)?.type === 'urn:tekigo:problem:unknown-batch',
    );
    const view = await viewBatch(t, stranger.batchId);
    t.check(
      'MUN-NOT-004',
      deliveries.length === 2 && unknownBatch.length === 2 && view.answer.status === 404,
      `two deliveries of a notice for an unknown batch were answered ${deliveries.map((e) => e.status).join(', ')}; its view answers ${view.answer.status} (expected 404 unknown-batch each time)`,
      [...refsOf(CENTER, deliveries), { ledger: 'suite', seq: view.answer.entry.seq }],
    );
  },
);
