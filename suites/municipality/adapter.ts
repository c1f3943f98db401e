import type {
  ObservabilityAdapter,
  ReceiverAdapter,
  RoleAdapter,
  UpperTesterAdapter,
} from '../../src/conformance/profiles/role-adapter.ts';
import { TekigoHarnessError } from '../../src/errors.ts';
import {
  applyChanges,
  birth,
  CARD_PRODUCTION,
  CENTER,
  ISSUANCE_SERVICE,
  jstToday,
  NOTICES,
  notice,
  planResidents,
  RESIDENT_CHANGES,
  RESIDENT_CHANGES_SENDER,
  RESIDENT_SYNC_SENDER,
  type Resident,
  type SubmittedBatch,
  submitCards,
  viewBatch,
} from './mun-scenario.ts';

/** One record of a registration notice: a card record of a batch the municipality submitted. */
interface NoticeRecord {
  readonly recordId: string;
  readonly outcome: 'registered';
}

/** The submitted batch each prepared notice record belongs to, by recordId. */
const batches = new Map<string, SubmittedBatch>();
/** The batch last prepared: the envelope of a record whose id a hostile-input test changed. */
let latest: SubmittedBatch | undefined;
const batchOf = (record: NoticeRecord | undefined): SubmittedBatch | undefined =>
  record === undefined ? undefined : (batches.get(record.recordId) ?? latest);

/**
 * Registration notices from the center: a valid record is a card record of a batch the
 * municipality submitted (births through the upper tester, then a card batch of those residents),
 * reported `registered`. A notice is acknowledged whole, under its noticeId (the batch envelope's
 * fresh id); whether a record was applied shows in the operator view (`notified`). GEN-VAL-010 and
 * GEN-BAT-003 do not name this interface (no bounds test), and a notice carries no per-record
 * results, so record decisions and the crash test stay with MU-N02 and MU-O02.
 */
const NOTICE_RECEIVER: ReceiverAdapter<NoticeRecord> = {
  ids: { hostileBodies: 'MU-G01', connections: 'MU-G02', hostileInput: 'MU-G03', fuzz: 'MU-G04' },
  interface: NOTICES,
  path: '/registration-notices',
  recordId: 'recordId',
  requestType: 'registration-notices/notice',
  responseType: 'registration-notices/acknowledgement',
  async prepare(t, count) {
    const residents = planResidents(count);
    await applyChanges(t, residents.map(birth));
    const batch = await submitCards(
      t,
      residents.map((r) => r.residentCode),
    );
    latest = batch;
    return batch.recordIds.map((recordId) => {
      batches.set(recordId, batch);
      return { recordId, outcome: 'registered' };
    });
  },
  batch(records) {
    const batch = batchOf(records[0]);
    if (!batch)
      throw new TekigoHarnessError(
        'ADAPTER_INCOMPLETE',
        'a registration notice is made only of records this adapter prepared (a submitted card batch)',
      );
    const made = notice(batch, records, false);
    // Members a hostile-input test set on a record (`__proto__`, `constructor`) go on the wire too.
    const outcomes = made.records as Record<string, unknown>[];
    return { ...made, records: records.map((r, i) => ({ ...outcomes[i], ...r })) };
  },
  outcomes(answer, records) {
    const outcome = (answer.body as { outcome?: string } | null)?.outcome;
    const each =
      answer.status !== 200
        ? String(answer.status)
        : outcome === 'acknowledged'
          ? 'accepted'
          : String(outcome);
    return records.map(() => each);
  },
  async effect(t, record) {
    const batch = batchOf(record);
    const { answer, view } = await viewBatch(t, batch?.batchId ?? '');
    const notified = view?.records.find((r) => r.recordId === record.recordId)?.notified === true;
    return {
      applied: notified,
      answer,
      message: `the operator view shows record ${record.recordId.slice(0, 8)} ${notified ? 'notified' : 'not notified'}`,
    };
  },
};

/**
 * The municipality's upper tester: a stimulus records births; the reconciliation report with the
 * center shows whether any resident change was recorded.
 */
const UPPER_TESTER: UpperTesterAdapter<Resident> = {
  id: 'MU-V08',
  via: RESIDENT_CHANGES_SENDER,
  stimulusBody: (residents) => ({ kind: 'apply-resident-changes', changes: residents.map(birth) }),
  async lookup(client) {
    const answer = await client.get(`/reconciliation?date=${jstToday()}&peer=${CENTER}`, {
      interface: 'reconciliation',
      responseType: 'reconciliation/report',
    });
    const entry = (
      answer.body as {
        entries?: { interface: string; direction: string; counts: { total: number } }[];
      } | null
    )?.entries?.find((e) => e.interface === RESIDENT_CHANGES && e.direction === 'outbound');
    const total = entry?.counts.total;
    return {
      answer,
      absent: answer.status === 200 && total === 0,
      message: `the reconciliation report counts ${total ?? 'no entry for'} resident change(s) (expected 0: nothing recorded)`,
    };
  },
};

/** Unknown municipality paths, and refusals of births whose items are invalid or recorded twice. */
const OBSERVABILITY: ObservabilityAdapter<Resident> = {
  id: 'MU-V07',
  unknownPaths: [
    ['GET', '/card-batches'],
    ['POST', '/registration-notices/extra'],
  ],
  stimuli: UPPER_TESTER,
  // An overlong name, a kana reading with a Latin letter and an impossible date of birth.
  spoil(resident) {
    const { items } = resident;
    const personal = {
      ...items,
      name: { kanji: `${items.name.kanji}${'𠮷'.repeat(100)}`, kana: `${items.name.kana}X` },
      dateOfBirth: '1990-02-30',
    };
    return { record: { ...resident, items: personal }, personal };
  },
  spoilt: 'a birth with an invalid name and date of birth',
  taken: 'a second birth of a resident already born',
  personalOf: (resident) => resident.items,
};

/**
 * How the generic profiles drive the municipality. Its peers are the national center (receives
 * resident changes and card batches, sends registration notices) and the issuance service
 * (receives resident syncs).
 */
export const municipality: RoleAdapter = {
  role: 'municipality',
  peers: [CENTER, ISSUANCE_SERVICE],
  ids: { health: 'MU-H01', internalFailure: 'MU-V09' },
  probes: [{ path: '/card-batches/00000000-0000-4000-8000-000000000000', interface: CARD_PRODUCTION }],
  sends: [RESIDENT_CHANGES_SENDER, RESIDENT_SYNC_SENDER],
  receives: [NOTICE_RECEIVER as ReceiverAdapter],
  reconciliation: {
    id: 'MU-R01',
    via: RESIDENT_CHANGES_SENDER,
    interfaces: [RESIDENT_CHANGES, CARD_PRODUCTION, NOTICES],
  },
  upperTester: UPPER_TESTER as UpperTesterAdapter,
  observability: OBSERVABILITY as ObservabilityAdapter,
  productionCall: {
    notApplicable:
      'the municipality sends resident changes, syncs and card batches only on its upper tester’s stimuli, and the production profile serves no upper tester: nothing another party sends it makes it call a peer',
  },
};
