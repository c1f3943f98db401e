import { checkNoticeRedelivery } from '../../src/checks/check-notice-redelivery.ts';
import { exchangesOf } from '../../src/checks/index.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { reconciliationDay } from '../../src/reconciliation/accepted-digest.ts';
import type { ReconciliationReport } from '../../src/reconciliation/reconciliation-entry.ts';
import { nationalCenter } from './adapter.ts';
import {
  type BatchStatus,
  cardBatch,
  change,
  MUNICIPALITY,
  NOTICES,
  pause,
  planResidents,
  pollBatch,
  requireAccepted,
  sendChanges,
  submitCardBatch,
} from './nc-scenario.ts';

// Registration notices (INC-2015-CARD): the municipality must learn every record's outcome.
const suite = conformanceSuite(nationalCenter);
const DROPPED = 2;

suite.test(
  {
    id: 'NC-N01',
    title:
      'a registration notice whose acknowledgements are lost is re-sent with the same id and content until acknowledged, and applied once',
    requirements: ['NC-NOT-002', 'NC-NOT-003', 'NC-NOT-004', 'NC-NOT-005'],
    timeoutMs: 60_000,
  },
  async (t) => {
    const { requestTimeoutMs, deliveryBoundMs, retry } = t.env.capabilities.parameters;
    const residents = planResidents(3);
    const unknown = residents.pop();
    if (!unknown) throw new Error('three residents planned');
    requireAccepted(
      await sendChanges(
        t,
        residents.map((r) => change(r.residentCode, 'birth', { items: r.items })),
      ),
      'births of new residents',
    );
    const municipality = t.env.mock(MUNICIPALITY);
    // The municipality applies the first deliveries, then its answer is cut off before a byte
    // of the acknowledgement: the acknowledgements are lost (at once, not after a timeout).
    await municipality.setFaults({
      rules: [
        {
          id: 'drop-acknowledgements',
          interface: NOTICES,
          when: { calls: { from: 1, to: DROPPED } },
          action: { kind: 'truncate', bytes: 0 },
        },
      ],
    });
    const batch = cardBatch([
      residents[0]?.residentCode,
      unknown.residentCode,
      residents[1]?.residentCode,
    ] as string[]);
    await submitCardBatch(t, batch);
    const terminal = await t.waitFor(
      'the batch terminal',
      async () => {
        const read = await pollBatch(t, batch.batchId);
        return read.body && !['received', 'processing'].includes(read.body.state) ? read.body : undefined;
      },
      { timeoutMs: deliveryBoundMs, intervalMs: 50 },
    );
    const budget = (DROPPED + 1) * (requestTimeoutMs + retry.maxBackoffMs) + deliveryBoundMs;
    await t.waitFor(
      'the notice acknowledged',
      async () => {
        const delivered = exchangesOf(await municipality.ledgerEntries(), NOTICES).filter(
          (e) =>
            e.outcome === 'answered' &&
            e.status === 200 &&
            (e.requestBody as { batchId?: string } | null)?.batchId === batch.batchId,
        );
        return delivered.length > 0 ? true : undefined;
      },
      { timeoutMs: budget, intervalMs: 100 },
    );
    // A center that wrongly sends once more would do so within its backoff: watch that long.
    await pause(Math.min(retry.maxBackoffMs, 500));
    // A notice counts on the day of its sentAt in Japan time (decision 28): ask for that day, not
    // today's, so a run across midnight (Japan time) still finds it.
    const sentAt = exchangesOf(await municipality.ledgerEntries(), NOTICES)
      .map((e) => e.requestBody as { batchId?: string; sentAt?: string } | null)
      .find((b) => b?.batchId === batch.batchId && typeof b.sentAt === 'string')?.sentAt;
    const report = await t.env.sut.get(
      `/reconciliation?date=${reconciliationDay(sentAt)}&peer=${MUNICIPALITY}`,
      { interface: 'reconciliation', responseType: 'reconciliation/report' },
    );
    const entry = (report.body as ReconciliationReport | null)?.entries?.find(
      (e) => e.interface === NOTICES && e.direction === 'outbound',
    );
    const state = (await municipality.state()) as {
      registrationNotices?: { noticeId: string; batchId: string }[];
    };
    t.apply(checkNoticeRedelivery, {
      ledger: MUNICIPALITY,
      entries: await municipality.ledgerEntries(),
      batchId: batch.batchId,
      dropped: DROPPED,
      outcomes: (terminal as BatchStatus | undefined)?.records ?? [],
      applied: state.registrationNotices ?? [],
      reconciled: entry
        ? {
            accepted: entry.counts.accepted,
            pending: entry.counts.pending,
            ref: { ledger: 'suite', seq: report.entry.seq },
          }
        : null,
    });
  },
);
