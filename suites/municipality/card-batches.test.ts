import { refsOf } from '../../src/checks/index.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { PERMANENT_REJECTION } from '../../src/conformance/profiles/problem-types.ts';
import { municipality } from './adapter.ts';
import {
  applyChanges,
  type BatchView,
  birth,
  CARD_PRODUCTION,
  CENTER,
  planResidents,
  statusReads,
  submitCards,
  TERMINAL,
  viewBatch,
} from './mun-scenario.ts';

// Card batches (INC-2015-CARD): the operator sees what the center says, never more.
const suite = conformanceSuite(municipality);

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
    const residents = planResidents(3);
    await applyChanges(t, residents.map(birth));
    const failing = residents[1]?.residentCode;
    // The center stores the batch (202) and ends the second resident's card failed.
    await t.env.mock(CENTER).setFaults({
      rules: [
        {
          id: 'second-card-fails',
          interface: CARD_PRODUCTION,
          method: 'POST',
          when: { records: { pointer: '/residentCode', in: [failing] } },
          action: { kind: 'reject-records', problem: PERMANENT_REJECTION },
        },
      ],
    });
    const batch = await submitCards(
      t,
      residents.map((r) => r.residentCode),
    );
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
