import { refsOf } from '../../src/checks/index.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { municipality } from './adapter.ts';
import {
  exchanges,
  ISSUANCE_SERVICE,
  planResidents,
  RESIDENT_SYNC,
  type Stimulated,
  stimulate,
} from './mun-scenario.ts';

// Resident syncs to the kiosk issuance service (INC-2023-KIOSK): newer snapshots look newer.
const suite = conformanceSuite(municipality);

suite.test(
  {
    id: 'MU-P01',
    title:
      'each resident-sync record of a resident carries a version above the last, and goes out within deliveryBoundMs',
    requirements: ['MUN-SYNC-001', 'MUN-SYNC-002'],
    timeoutMs: 20_000,
  },
  async (t) => {
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    const [resident] = planResidents(1);
    if (!resident) throw new Error('one resident planned');
    const pushes: Stimulated[] = [];
    for (const address of ['東京都千代田区試験町1番', '東京都千代田区試験町2番', '東京都千代田区試験町3番']) {
      const items = { ...resident.items, address };
      pushes.push(
        await stimulate(t, {
          kind: 'push-resident-sync',
          residents: [{ residentCode: resident.residentCode, items }],
        }),
      );
    }
    const ids = pushes.map((p) => p.recordIds[0]);
    const service = t.env.mock(ISSUANCE_SERVICE);
    const delivered = await t.waitFor(
      'every sync delivered',
      async () => {
        const sent = exchanges(await service.ledgerEntries(), RESIDENT_SYNC).filter((e) => e.status === 200);
        const records = sent.flatMap((e) =>
          ((e.requestBody as { records?: { recordId: string; version: number }[] }).records ?? []).map(
            (r) => ({ ...r, e }),
          ),
        );
        return ids.every((id) => records.some((r) => r.recordId === id)) ? records : undefined;
      },
      { timeoutMs: deliveryBoundMs + 1_000 },
    );
    const versions = ids.map((id) => delivered?.find((r) => r.recordId === id)?.version);
    const rising = versions.every(
      (v, i) => typeof v === 'number' && (i === 0 || v > (versions[i - 1] ?? Number.POSITIVE_INFINITY)),
    );
    const evidence = refsOf(
      ISSUANCE_SERVICE,
      (delivered ?? []).map((r) => r.e),
    );
    t.check(
      'MUN-SYNC-002',
      delivered !== undefined && rising,
      `the resident's three syncs carry versions ${versions.map((v) => v ?? '?').join(', ')} (each must exceed the one before)`,
      evidence,
    );
    const late = ids.flatMap((id, i) => {
      const at = delivered?.find((r) => r.recordId === id)?.e.at;
      const since = pushes[i]?.sinceEpochMs ?? 0;
      return at === undefined || Date.parse(at) - since > deliveryBoundMs ? [id] : [];
    });
    t.check(
      'MUN-SYNC-001',
      late.length === 0,
      late.length === 0
        ? `each push went out as one resident-sync record within ${deliveryBoundMs} ms`
        : `${late.length} push(es) were not delivered within ${deliveryBoundMs} ms`,
      evidence,
    );
  },
);
