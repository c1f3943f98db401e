import { checkBatchStatusOwner } from '../../src/checks/check-batch-status-owner.ts';
import { checkCardReconciliation } from '../../src/checks/check-card-reconciliation.ts';
import { checkCardBatchAnswers, checkCardRegistration } from '../../src/checks/check-expected-answers.ts';
import { checkFinalNotices } from '../../src/checks/check-final-notices.ts';
import type { SutResponse } from '../../src/client/sut-client.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { securityOf } from '../../src/conformance/profiles/security/production-environment.ts';
import { attemptOf } from '../../src/conformance/profiles/security/security-profile.ts';
import { reconciliationDay } from '../../src/reconciliation/accepted-digest.ts';
import type { ReconciliationReport } from '../../src/reconciliation/reconciliation-entry.ts';
import { nationalCenter } from './adapter.ts';
import {
  type BatchStatus,
  cardBatch,
  change,
  MUNICIPALITY,
  NOTICES,
  OSAKA,
  planResidents,
  pollBatch,
  refOf,
  requireAccepted,
  sendChanges,
  submitCardBatch,
  TOKYO,
} from './nc-scenario.ts';

// What the center answers about card batches, which records it registers, what it reconciles
// and what it tells the municipality (INC-2015-CARD).
const suite = conformanceSuite(nationalCenter);

/** A 202 in one word: its status, whether the body is a batch-accepted, where Location points. */
function accepted202(answer: SutResponse, statusUrl: string | undefined): string {
  const body = answer.body as { statusUrl?: string } | null;
  const valid = answer.entry.validation.response?.valid === true;
  const location = answer.headers.location;
  return [
    String(answer.status),
    valid ? 'batch-accepted' : 'invalid body',
    location === undefined
      ? 'no Location'
      : location === body?.statusUrl
        ? 'Location=statusUrl'
        : 'Location≠statusUrl',
    ...(statusUrl === undefined
      ? []
      : [body?.statusUrl === statusUrl ? 'same statusUrl' : 'other statusUrl']),
  ].join(', ');
}

/** A problem answer in one word: status and the last segment of its type. */
const problemOf = (answer: SutResponse): string =>
  `${answer.status} ${String((answer.body as { type?: string } | null)?.type)
    .split(':')
    .pop()}`;

suite.test(
  {
    id: 'NC-C02',
    title:
      'a card batch is answered 202 with its status URL in Location; a re-send gets the same, a changed one 409, an unknown batch 404 unknown-batch',
    requirements: ['NC-CARD-001', 'NC-CARD-006', 'NC-CARD-007'],
  },
  async (t) => {
    const [resident] = planResidents(1);
    if (!resident) throw new Error('one resident planned');
    requireAccepted(
      await sendChanges(t, [change(resident.residentCode, 'birth', { items: resident.items })]),
      'the birth of a new resident',
    );
    const batch = cardBatch([resident.residentCode]);
    const first = await submitCardBatch(t, batch);
    const statusUrl = (first.body as { statusUrl?: string } | null)?.statusUrl;
    const again = await submitCardBatch(t, { ...batch, sentAt: new Date().toISOString() });
    const changed = await submitCardBatch(t, {
      ...batch,
      records: [...batch.records, ...cardBatch([resident.residentCode]).records],
    });
    const unknown = await t.env.sut.get(`/card-batches/${crypto.randomUUID()}`, {
      interface: 'card-production',
    });
    t.apply(checkCardBatchAnswers, [
      {
        requirement: 'NC-CARD-001',
        what: 'a valid card batch',
        expected: '202, batch-accepted, Location=statusUrl',
        answered: accepted202(first, undefined),
        ref: refOf(first),
      },
      {
        requirement: 'NC-CARD-007',
        what: 'the same batch sent again',
        expected: '202, batch-accepted, Location=statusUrl, same statusUrl',
        answered: accepted202(again, statusUrl),
        ref: refOf(again),
      },
      {
        requirement: 'NC-CARD-007',
        what: 'its batchId with another record added',
        expected: '409 conflict',
        answered: problemOf(changed),
        ref: refOf(changed),
      },
      {
        requirement: 'NC-CARD-006',
        what: 'the status of a batch never sent',
        expected: '404 unknown-batch',
        answered: problemOf(unknown),
        ref: refOf(unknown),
      },
    ]);
  },
);

suite.test(
  {
    id: 'NC-C03',
    title:
      'only living residents held under the batch municipality are registered; reconciliation counts every record; the notices give every outcome, the last final, within the bound',
    requirements: ['NC-CARD-009', 'NC-CARD-010', 'NC-NOT-001'],
  },
  async (t) => {
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    const [living, dead, moved, unborn] = planResidents(4);
    if (!living || !dead || !moved || !unborn) throw new Error('four residents planned');
    requireAccepted(
      await sendChanges(
        t,
        [living, dead, moved].map((r) => change(r.residentCode, 'birth', { items: r.items })),
      ),
      'births of new residents',
    );
    requireAccepted(await sendChanges(t, [change(dead.residentCode, 'death')]), 'a death');
    requireAccepted(
      await sendChanges(t, [change(moved.residentCode, 'move-in', { items: moved.items })], OSAKA),
      'a move-in from another municipality',
    );
    const residents = [living, dead, moved, unborn];
    const batch = cardBatch(residents.map((r) => r.residentCode));
    const submitted = await submitCardBatch(t, batch);
    if (submitted.status !== 202) t.notApplicable(`the card batch was answered ${submitted.status}, not 202`);
    const terminal = await t.waitFor(
      'the batch terminal',
      async () => {
        const read = await pollBatch(t, batch.batchId);
        return read.body && !['received', 'processing'].includes(read.body.state) ? read : undefined;
      },
      { timeoutMs: deliveryBoundMs, intervalMs: 50 },
    );
    const status = terminal?.body as BatchStatus | undefined;
    const expected = [
      'registered',
      'failed:unknown-resident',
      'failed:unknown-resident',
      'failed:unknown-resident',
    ];
    const what = [
      'a living resident held under the batch municipality',
      'a resident who died',
      'a resident now held under another municipality',
      'a resident never born',
    ];
    t.apply(
      checkCardRegistration,
      batch.records.map((record, i) => {
        const shown = status?.records.find((r) => r.recordId === record.recordId) as
          | { outcome: string; problem?: { type?: string } }
          | undefined;
        return {
          requirement: 'NC-CARD-009',
          what: what[i] ?? record.residentCode,
          expected: expected[i] ?? 'registered',
          answered: shown
            ? [shown.outcome, ...(shown.problem ? [String(shown.problem.type).split(':').pop()] : [])].join(
                ':',
              )
            : `no terminal status (${status?.state ?? 'none'})`,
          ref: terminal?.ref ?? refOf(submitted),
        };
      }),
    );
    // Records count on the day of their recordedAt (Japan time): that day's records, asked for that day.
    const day = reconciliationDay(batch.records[0]?.recordedAt);
    const report = await t.env.sut.get(`/reconciliation?date=${day}&peer=${MUNICIPALITY}`, {
      interface: 'reconciliation',
      responseType: 'reconciliation/report',
    });
    t.apply(checkCardReconciliation, {
      recordIds: batch.records.filter((r) => reconciliationDay(r.recordedAt) === day).map((r) => r.recordId),
      entry: (report.body as ReconciliationReport | null)?.entries?.find(
        (e) => e.interface === 'card-production' && e.direction === 'inbound',
      ),
      refs: [refOf(submitted), refOf(report)],
    });
    const municipality = t.env.mock(MUNICIPALITY);
    const terminalAtMs = Date.parse(String((status as { updatedAt?: string } | undefined)?.updatedAt));
    await t.waitFor(
      'the final notice',
      async () =>
        (await municipality.ledgerEntries()).some(
          (e) =>
            e.kind === 'exchange' &&
            e.interface === NOTICES &&
            (e.requestBody as { batchId?: string; final?: boolean } | null)?.batchId === batch.batchId &&
            (e.requestBody as { final?: boolean }).final === true,
        )
          ? true
          : undefined,
      { timeoutMs: Math.max(0, terminalAtMs + deliveryBoundMs - Date.now()) + 500, intervalMs: 50 },
    );
    t.apply(checkFinalNotices, {
      ledger: MUNICIPALITY,
      entries: await municipality.ledgerEntries(),
      batchId: batch.batchId,
      outcomes: status?.records ?? batch.records.map((r) => ({ recordId: r.recordId, outcome: 'unknown' })),
      terminalAtMs,
      boundMs: deliveryBoundMs,
    });
  },
);

suite.test(
  {
    id: 'NC-C04',
    title: "answers a card batch's status only to the municipality that submitted it",
    requirements: ['NC-CARD-008'],
    profile: 'production',
  },
  async (t) => {
    const security = securityOf(t);
    const owner = await security.clientAs({ role: 'municipality', municipalityCode: TOKYO });
    const other = await security.clientAs({ role: 'municipality', municipalityCode: OSAKA });
    try {
      const batch = cardBatch([planResidents(1)[0]?.residentCode ?? '']);
      const submitted = await owner.post('/card-batches', batch, { interface: 'card-production' });
      const path = `/card-batches/${batch.batchId}`;
      // A batch the center did not take leaves nothing to read: the check is then inconclusive.
      const ownerRead =
        submitted.status === 202
          ? attemptOf(
              `municipality ${TOKYO}, which submitted it,`,
              await owner.get(path, { interface: 'card-production' }),
            )
          : attemptOf(`municipality ${TOKYO}, submitting the batch,`, submitted);
      t.apply(checkBatchStatusOwner, {
        owner: ownerRead,
        other: attemptOf(`municipality ${OSAKA}`, await other.get(path, { interface: 'card-production' })),
      });
    } finally {
      await owner.close();
      await other.close();
    }
  },
);
