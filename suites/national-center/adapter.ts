import type { ConformanceTest } from '../../src/conformance/conformance-suite.ts';
import type { ReceiverAdapter, RoleAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import {
  AUTHORITY,
  change,
  digestOf,
  issuance,
  MUNICIPALITY,
  NEW_ADDRESS,
  planResidents,
  REVOCATION_REQUESTS,
  REVOCATIONS,
  requireAccepted,
  sendChanges,
  TOKYO,
} from './nc-scenario.ts';
import { REVOCATION_CALL } from './production-call.ts';

/** Births of `count` new residents, sent in batches the center's declared maxBatchSize allows. */
async function bornResidents(t: ConformanceTest, count: number) {
  const residents = planResidents(count);
  const { maxBatchSize } = t.env.capabilities.parameters;
  for (let i = 0; i < residents.length; i += maxBatchSize) {
    const births = residents
      .slice(i, i + maxBatchSize)
      .map((r) => change(r.residentCode, 'birth', { items: r.items }));
    requireAccepted(await sendChanges(t, births), 'births of new residents');
  }
  return residents;
}

/** Resident changes from a municipality: a valid record is the birth of a resident never seen. */
const RESIDENT_CHANGES: ReceiverAdapter<ReturnType<typeof change>> = {
  ids: {
    hostileBodies: 'NC-G01',
    bounds: 'NC-G02',
    connections: 'NC-G03',
    records: 'NC-G04',
    crash: 'NC-G05',
    hostileInput: 'NC-G11',
    fuzz: 'NC-G12',
  },
  interface: 'resident-changes',
  path: '/resident-changes',
  recordId: 'recordId',
  personalItems: ['items'],
  requestType: 'resident-changes/batch-request',
  responseType: 'resident-changes/batch-result',
  prepare: async (_t, count) =>
    planResidents(count).map((r) => change(r.residentCode, 'birth', { items: r.items })),
  batch: (records) => ({
    batchId: crypto.randomUUID(),
    sentAt: new Date().toISOString(),
    municipalityCode: TOKYO,
    records: [...records],
  }),
  conflicting: (record) => ({ ...record, effectiveDate: '2025-04-02' }),
  // A move-out of a resident the center never held: unknown-resident.
  refused: () =>
    change(planResidents(1)[0]?.residentCode ?? '', 'move-out', { items: { address: NEW_ADDRESS } }),
};

/** Issuance notices from the authority: a valid record links a certificate to a resident born first. */
const CERTIFICATE_ISSUANCES: ReceiverAdapter<ReturnType<typeof issuance>> = {
  ids: {
    hostileBodies: 'NC-G06',
    bounds: 'NC-G07',
    connections: 'NC-G08',
    records: 'NC-G09',
    crash: 'NC-G10',
    hostileInput: 'NC-G13',
    fuzz: 'NC-G14',
  },
  interface: 'certificate-issuances',
  path: '/certificate-issuances',
  recordId: 'recordId',
  requestType: 'certificate-issuances/batch-request',
  responseType: 'certificate-issuances/batch-result',
  prepare: async (t, count) => (await bornResidents(t, count)).map((r) => issuance(r, digestOf(r.items))),
  batch: (records) => ({
    batchId: crypto.randomUUID(),
    sentAt: new Date().toISOString(),
    authorityId: 'tekigo-authority',
    records: [...records],
  }),
  conflicting: (record) => ({
    ...record,
    notAfter: new Date(Date.parse(record.notAfter) + 1000).toISOString(),
  }),
  // A certificate of a resident the center never held: unknown-resident.
  refused: (record) => {
    const [stranger] = planResidents(1);
    return stranger ? issuance(stranger, record.itemsDigest) : record;
  },
};

/**
 * How the generic profiles drive the national center. Its peers are the certification authority
 * (receives revocation requests) and the municipality (receives registration notices, one URL per
 * municipality code through PUT /conformance/peers). It has no stimulus kinds: the suite sends it
 * births, issuance notices and changes (see `nc-scenario.ts`).
 */
export const nationalCenter: RoleAdapter = {
  role: 'national-center',
  peers: [AUTHORITY, MUNICIPALITY],
  ids: { health: 'NC-H01', internalFailure: 'NC-V01' },
  probes: [{ path: '/card-batches/00000000-0000-4000-8000-000000000000', interface: 'card-production' }],
  sends: [REVOCATION_REQUESTS],
  reconciliation: {
    id: 'NC-E01',
    via: REVOCATION_REQUESTS,
    interfaces: ['certificate-issuances', REVOCATIONS],
  },
  receives: [RESIDENT_CHANGES as ReceiverAdapter, CERTIFICATE_ISSUANCES as ReceiverAdapter],
  // A move-out of a resident with a linked certificate makes it call the authority (NC-A10).
  productionCall: REVOCATION_CALL,
};
