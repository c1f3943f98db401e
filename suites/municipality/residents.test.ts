import { checkOwnMunicipalityCode } from '../../src/checks/check-own-municipality-code.ts';
import { checkResidentOrder } from '../../src/checks/check-resident-order.ts';
import { checkResendIdentity, refsOf } from '../../src/checks/index.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import type { LedgerEntry } from '../../src/evidence/ledger-entry.ts';
import { municipality } from './adapter.ts';
import {
  applyChanges,
  birth,
  bornAtCenter,
  CARD_PRODUCTION,
  CENTER,
  exchanges,
  ISSUANCE_SERVICE,
  moveWithin,
  planResidents,
  RESIDENT_CHANGES,
  RESIDENT_SYNC,
  type Stimulated,
  stimulate,
  submitCards,
} from './mun-scenario.ts';

// Resident changes to the national center (INC-2004-JPKI): order per resident, nothing lost;
// resident syncs to the kiosk issuance service (INC-2023-KIOSK): newer snapshots look newer.
const suite = conformanceSuite(municipality);

/** The recordIds the center answered accepted or duplicate, over every delivery in its ledger. */
function settledIds(entries: readonly LedgerEntry[]): Set<string> {
  return new Set(
    exchanges(entries, RESIDENT_CHANGES)
      .filter((e) => e.status === 200)
      .flatMap(
        (e) =>
          (e.responseBody as { results?: { recordId: string; outcome: string }[] } | null)?.results ?? [],
      )
      .filter((r) => r.outcome === 'accepted' || r.outcome === 'duplicate')
      .map((r) => r.recordId),
  );
}

suite.test(
  {
    id: 'MU-O01',
    title:
      "a resident's later change waits for the earlier one the center asked to retry later, while other residents' changes go on",
    requirements: ['MUN-SEQ-003', 'MUN-SEQ-001', 'MUN-SEQ-002', 'MUN-CHG-001'],
    timeoutMs: 30_000,
  },
  async (t) => {
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    const [held, other] = planResidents(2);
    if (!held || !other) throw new Error('two residents planned');
    const center = t.env.mock(CENTER);
    // The first delivery of the held resident's birth is answered 503, to be retried no sooner than 2 s.
    await center.setFaults({
      rules: [
        {
          id: 'busy-for-the-birth',
          interface: RESIDENT_CHANGES,
          times: 1,
          when: { records: { pointer: '/residentCode', in: [held.residentCode] } },
          action: { kind: 'status', status: 503, retryAfter: 2 },
        },
      ],
    });
    const first = await applyChanges(t, [birth(held)]);
    await t.waitFor(
      'the birth refused once',
      async () =>
        exchanges(await center.ledgerEntries(), RESIDENT_CHANGES).some((e) => e.status === 503)
          ? true
          : undefined,
      { timeoutMs: deliveryBoundMs },
    );
    // While the birth waits for its retry: the same resident moves, another resident is born.
    const second = await applyChanges(t, [moveWithin(held, 7), birth(other)]);
    const ids = [first.recordIds[0], ...second.recordIds] as string[];
    const entries = await t.waitFor(
      'every change accepted',
      async () => {
        const all = await center.ledgerEntries();
        const settled = settledIds(all);
        return ids.every((id) => settled.has(id)) ? all : undefined;
      },
      { timeoutMs: deliveryBoundMs + 3_000 },
    );
    const ledger = entries ?? (await center.ledgerEntries());
    t.apply(checkResidentOrder, { ledger: CENTER, entries: ledger, recordIds: [ids[0], ids[1]] as string[] });
    const deliveries = exchanges(ledger, RESIDENT_CHANGES);
    const carries = (id: string | undefined) => (e: (typeof deliveries)[number]) =>
      ((e.requestBody as { records?: { recordId: string }[] }).records ?? []).some((r) => r.recordId === id);
    const otherAt = deliveries.findIndex(carries(ids[2]));
    const birthRetryAt = deliveries.findIndex((e, i) => i > 0 && carries(ids[0])(e) && e.status === 200);
    t.check(
      'MUN-SEQ-002',
      otherAt >= 0 && (birthRetryAt < 0 || otherAt < birthRetryAt),
      otherAt >= 0 && (birthRetryAt < 0 || otherAt < birthRetryAt)
        ? "the other resident's birth went out while the held resident's birth waited for its retry"
        : "the other resident's birth waited for the held resident's retry",
      refsOf(CENTER, deliveries),
    );
    const otherDelivery = deliveries[otherAt];
    const otherLateBy = otherDelivery
      ? Date.parse(otherDelivery.at) - second.sinceEpochMs - deliveryBoundMs
      : undefined;
    t.check(
      'MUN-CHG-001',
      otherLateBy !== undefined && otherLateBy <= 0,
      otherLateBy === undefined
        ? "the other resident's birth never reached the center"
        : `the other resident's birth, to a healthy center, went out ${otherLateBy + deliveryBoundMs} ms after the stimulus (bound ${deliveryBoundMs} ms)`,
      otherDelivery ? refsOf(CENTER, [otherDelivery]) : [],
    );
  },
);

suite.test(
  {
    id: 'MU-O02',
    title:
      'a center that drops the connection mid-send, then stores a batch without answering, loses none of the changes',
    requirements: ['GEN-SEND-008', 'GEN-SEND-005'],
    timeoutMs: 30_000,
  },
  async (t) => {
    const { deliveryBoundMs, requestTimeoutMs, retry } = t.env.capabilities.parameters;
    const center = t.env.mock(CENTER);
    await center.setFaults({
      rules: [
        {
          id: 'restart-mid-send',
          interface: RESIDENT_CHANGES,
          when: { calls: { from: 1, to: 1 } },
          action: { kind: 'reset' },
        },
        {
          id: 'stored-unanswered',
          interface: RESIDENT_CHANGES,
          when: { calls: { from: 2, to: 2 } },
          action: { kind: 'commit-then-hang' },
        },
      ],
    });
    const residents = planResidents(20);
    const { recordIds } = await applyChanges(t, residents.map(birth));
    const budget = deliveryBoundMs + requestTimeoutMs + 2 * retry.maxBackoffMs;
    const entries =
      (await t.waitFor(
        'every change stored by the center',
        async () => {
          const all = await center.ledgerEntries();
          const settled = settledIds(all);
          return recordIds.every((id) => settled.has(id)) ? all : undefined;
        },
        { timeoutMs: budget },
      )) ?? (await center.ledgerEntries());
    const state = (await center.state()) as {
      residentChanges?: { stored?: { record: { recordId: string } }[] };
    };
    const stored = new Set((state.residentChanges?.stored ?? []).map((s) => s.record.recordId));
    const lost = recordIds.filter((id) => !stored.has(id));
    const stateRef = t.observe('national-center-state', { storedRecordIds: [...stored] });
    t.check(
      'GEN-SEND-008',
      lost.length === 0,
      lost.length === 0
        ? `all ${recordIds.length} changes are stored by the center after the dropped connection and the unanswered batch`
        : `${lost.length} of ${recordIds.length} changes never reached the center`,
      [stateRef, ...refsOf(CENTER, exchanges(entries, RESIDENT_CHANGES))],
    );
    t.record(checkResendIdentity(CENTER, entries, RESIDENT_CHANGES, 'residentCode'));
  },
);

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

suite.test(
  {
    id: 'MU-C01',
    title:
      'sends resident changes, card batches and resident syncs only under its declared municipalityCode, and only about its own residents',
    requirements: ['MUN-CHG-002'],
    timeoutMs: 20_000,
  },
  async (t) => {
    const code = t.env.capabilities.municipalityCode;
    if (typeof code !== 'string')
      return t.notApplicable('the capabilities declare no municipalityCode (a municipality must)');
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    const since = Date.now();
    const residents = planResidents(2);
    const codes = residents.map((r) => r.residentCode);
    await bornAtCenter(t, residents);
    await submitCards(t, codes);
    const { recordIds } = await stimulate(t, {
      kind: 'push-resident-sync',
      residents: residents.map((r) => ({ residentCode: r.residentCode, items: r.items })),
    });
    const service = t.env.mock(ISSUANCE_SERVICE);
    await t.waitFor(
      'the syncs delivered',
      async () => {
        const sent = exchanges(await service.ledgerEntries(), RESIDENT_SYNC).flatMap((e) =>
          ((e.requestBody as { records?: { recordId: string }[] }).records ?? []).map((r) => r.recordId),
        );
        return recordIds.every((id) => sent.includes(id)) ? true : undefined;
      },
      { timeoutMs: deliveryBoundMs + 1_000 },
    );
    const ofThisTest = (entries: readonly LedgerEntry[]) => entries.filter((e) => Date.parse(e.at) >= since);
    t.apply(checkOwnMunicipalityCode, {
      sent: [
        { ledger: CENTER, entries: ofThisTest(await t.env.mock(CENTER).ledgerEntries()) },
        { ledger: ISSUANCE_SERVICE, entries: ofThisTest(await service.ledgerEntries()) },
      ],
      interfaces: [RESIDENT_CHANGES, CARD_PRODUCTION, RESIDENT_SYNC],
      code,
      residentCodes: codes,
    });
  },
);
