import type {
  ObservabilityAdapter,
  RoleAdapter,
  UpperTesterAdapter,
} from '../../src/conformance/profiles/role-adapter.ts';
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
  ids: { health: 'MU-H01' },
  probes: [{ path: '/card-batches/00000000-0000-4000-8000-000000000000', interface: CARD_PRODUCTION }],
  sends: [RESIDENT_CHANGES_SENDER, RESIDENT_SYNC_SENDER],
  reconciliation: {
    id: 'MU-R01',
    via: RESIDENT_CHANGES_SENDER,
    interfaces: [RESIDENT_CHANGES, CARD_PRODUCTION, NOTICES],
  },
  upperTester: UPPER_TESTER as UpperTesterAdapter,
  observability: OBSERVABILITY as ObservabilityAdapter,
};
