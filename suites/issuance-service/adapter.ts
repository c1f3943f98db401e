import type { HostileReceiver, RoleAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import { residentSnapshot } from '../../src/mocks/municipality/resident-snapshot.ts';
import { KIOSK, MUNICIPALITY, PRINT, planResidents, TOKYO } from './iss-scenario.ts';

/** Resident sync from the municipality, for the hostile-input and fuzz tests: a snapshot of a resident never held. */
const RESIDENT_SYNC: HostileReceiver = {
  ids: { hostileInput: 'IS-V01', fuzz: 'IS-V02' },
  interface: 'resident-sync',
  path: '/resident-sync',
  recordId: 'recordId',
  personalItems: ['items'],
  requestType: 'resident-sync/batch-request',
  responseType: 'resident-sync/batch-result',
  prepare: async (_t, count) => planResidents(count).map((r) => residentSnapshot(r, 1)),
  batch: (records) => ({
    batchId: crypto.randomUUID(),
    sentAt: new Date().toISOString(),
    municipalityCode: TOKYO,
    records: [...records],
  }),
};

/**
 * How the generic profiles drive the issuance service. tekigo plays its three peers: the kiosk
 * gateway and the municipality (which send to it) and the print service (which it sends print
 * jobs to, and which holds every result until the suite releases it). It has no stimulus kind
 * and sends no batches, so only the health profile applies; its own tests are in this folder.
 */
export const issuanceService: RoleAdapter = {
  role: 'issuance-service',
  peers: [PRINT, KIOSK, MUNICIPALITY],
  ids: { health: 'IS-H01' },
  probes: [{ path: '/dead-letters', interface: 'dead-letters' }],
  sends: [],
  hostile: [RESIDENT_SYNC],
};
