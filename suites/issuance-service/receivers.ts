import { randomUUID } from 'node:crypto';
import type { ConformanceTest } from '../../src/conformance/conformance-suite.ts';
import type { ReceiverAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import {
  type ResidentSnapshotRecord,
  residentSnapshot,
} from '../../src/mocks/municipality/resident-snapshot.ts';
import type { CertificateRequest } from '../../src/spec/message-types.generated.ts';
import {
  connect,
  planResidents,
  printAtOnce,
  type Resident,
  requestFor,
  sync,
  TOKYO,
} from './iss-scenario.ts';

/** `count` residents never used before, under distinct codes however many are asked for. */
function freshResidents(count: number) {
  const residents = [];
  for (let left = count; left > 0; left -= 100) residents.push(...planResidents(Math.min(left, 100)));
  return residents;
}

/**
 * Resident snapshots from a municipality. A valid record is version 2 of a resident never synced;
 * the record the service refuses on its own is version 1 of the same resident under a fresh id,
 * sent after it: `stale-sequence` (ISS-SYNC-003), records being decided in request order.
 */
export const RESIDENT_SYNC_RECEIVER: ReceiverAdapter<ResidentSnapshotRecord> = {
  ids: {
    hostileBodies: 'IS-G01',
    bounds: 'IS-G02',
    connections: 'IS-G03',
    records: 'IS-G04',
    crash: 'IS-G05',
    hostileInput: 'IS-G08',
    fuzz: 'IS-G09',
  },
  interface: 'resident-sync',
  path: '/resident-sync',
  personalItems: ['items'],
  recordId: 'recordId',
  requestType: 'resident-sync/batch-request',
  responseType: 'resident-sync/batch-result',
  prepare: async (_t, count) => freshResidents(count).map((resident) => residentSnapshot(resident, 2)),
  batch: (records) => ({
    batchId: randomUUID(),
    sentAt: new Date().toISOString(),
    municipalityCode: TOKYO,
    records: [...records],
  }),
  conflicting: (record) => ({ ...record, status: record.status === 'resident' ? 'moved-out' : 'resident' }),
  refused: (record) => residentSnapshot(record, 1),
  // The name as the residence record the service issues for that resident shows it.
  async readName(t, record) {
    await connect(t);
    await printAtOnce(t);
    const resident = { residentCode: record.residentCode, municipalityCode: TOKYO, items: record.items };
    const answer = await t.env.sut.post('/certificate-requests', requestFor(resident as Resident), {
      interface: 'certificate-requests',
      requestType: 'certificate-requests/request',
      responseType: 'certificate-requests/response',
    });
    const fields = (answer.body as { fields?: { residents?: unknown } } | null)?.fields;
    const entry = Array.isArray(fields?.residents)
      ? (fields.residents as { residentCode?: string; items?: { name?: { kanji?: string } } }[]).find(
          (r) => r.residentCode === record.residentCode,
        )
      : undefined;
    return {
      name: entry?.items?.name?.kanji,
      answer,
      where: `on the residence record issued for it (answered ${answer.status ?? answer.outcome})`,
    };
  },
  spoil: (record) => {
    const { items } = record;
    const personal = {
      ...items,
      name: { kanji: `${items.name.kanji}${'𠮷'.repeat(100)}`, kana: `${items.name.kana}X` },
      dateOfBirth: '1990-02-30',
    };
    return { record: { ...record, items: personal }, personal };
  },
};

/**
 * Certificate requests from a kiosk gateway: one request per exchange, not a batch, so the
 * profile's batch bounds do not apply; idempotency by requestId is IS-D02's. A valid request is
 * for a resident synced first, the print service printing every job at once.
 */
export const CERTIFICATE_REQUESTS_RECEIVER: ReceiverAdapter<CertificateRequest> = {
  ids: { hostileBodies: 'IS-G06', connections: 'IS-G07' },
  interface: 'certificate-requests',
  path: '/certificate-requests',
  recordId: 'requestId',
  requestType: 'certificate-requests/request',
  responseType: 'certificate-requests/response',
  nestIn: 'holder',
  outcomeOf: (answer) => (answer.status === 200 ? 'accepted' : undefined),
  prepare: async (t: ConformanceTest, count) => {
    await connect(t);
    await printAtOnce(t);
    const residents = planResidents(count);
    await sync(
      t,
      residents.map((resident) => ({ resident, version: 1 })),
    );
    return residents.map((resident) => requestFor(resident));
  },
  batch: ([request]) => ({ ...request }),
};
