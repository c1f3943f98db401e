import type { RoleAdapter, UpperTesterAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import {
  birth,
  CARD_PRODUCTION,
  CENTER,
  ISSUANCE_SERVICE,
  jstToday,
  NOTICES,
  RESIDENT_CHANGES,
  RESIDENT_CHANGES_SENDER,
  RESIDENT_SYNC_SENDER,
  type Resident,
} from './mun-scenario.ts';

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

/**
 * How the generic profiles drive the municipality. Its peers are the national center (receives
 * resident changes and card batches, sends registration notices) and the issuance service
 * (receives resident syncs).
 */
export const municipality: RoleAdapter = {
  role: 'municipality',
  peers: [CENTER, ISSUANCE_SERVICE],
  ids: { health: 'MU-H01' },
  probes: [{ path: '/card-batches/00000000-0000-4000-8000-000000000000', interface: CARD_PRODUCTION }],
  sends: [RESIDENT_CHANGES_SENDER, RESIDENT_SYNC_SENDER],
  reconciliation: {
    id: 'MU-R01',
    via: RESIDENT_CHANGES_SENDER,
    interfaces: [RESIDENT_CHANGES, CARD_PRODUCTION, NOTICES],
  },
  upperTester: UPPER_TESTER as UpperTesterAdapter,
};
