import type { SutResponse } from '../../src/client/sut-client.ts';
import type { ConformanceTest } from '../../src/conformance/conformance-suite.ts';
import type { SenderAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import { syntheticResident } from '../../src/conformance/synthetic-data.ts';
import { TekigoHarnessError } from '../../src/errors.ts';
import type { ExchangeEntry, LedgerEntry } from '../../src/evidence/ledger-entry.ts';
import { jstDate } from '../../src/reconciliation/accepted-digest.ts';

/** Shared steps of the municipality suite; every test file uses these, none repeats them. */
export const RESIDENT_CHANGES = 'resident-changes';
export const RESIDENT_SYNC = 'resident-sync';
export const CARD_PRODUCTION = 'card-production';
export const NOTICES = 'registration-notices';
export const CENTER = 'national-center';
export const ISSUANCE_SERVICE = 'issuance-service';

// Residents of one run never collide with another's: a tag from the clock, then a counter.
let nextTag = Math.floor(Date.now() / 1000) % 90_000;

export type Resident = ReturnType<typeof syntheticResident>;

/** New synthetic residents, each with a resident code no earlier test used. */
export function planResidents(count: number): Resident[] {
  const tag = ++nextTag;
  return Array.from({ length: count }, (_, i) => syntheticResident((tag % 90_000) * 1_000 + i));
}

/** The birth of a resident: the change that gives the municipality (and the center) its four items. */
export function birth(resident: Resident): Record<string, unknown> {
  return {
    residentCode: resident.residentCode,
    changeType: 'birth',
    effectiveDate: resident.items.dateOfBirth,
    items: resident.items,
  };
}

/** A change of address of a resident already born. */
export function moveWithin(resident: Resident, n: number): Record<string, unknown> {
  return {
    residentCode: resident.residentCode,
    changeType: 'address-change',
    effectiveDate: '2026-04-01',
    items: { address: `東京都千代田区試験町${n}番地` },
  };
}

export interface Stimulated {
  readonly recordIds: readonly string[];
  readonly sinceEpochMs: number;
}

/** POST /conformance/stimulus; a refusal is a harness error (the target must accept it to be tested). */
export async function stimulate(
  t: ConformanceTest,
  body: { kind: string } & Record<string, unknown>,
): Promise<Stimulated> {
  const sinceEpochMs = Date.now();
  const answer = await t.env.sut.post('/conformance/stimulus', body, {
    interface: 'upper-tester',
    requestType: 'upper-tester/stimulus-request',
    responseType: 'upper-tester/stimulus-result',
  });
  const recordIds = (answer.body as { recordIds?: string[] } | null)?.recordIds;
  if (answer.status !== 202 || !Array.isArray(recordIds))
    throw new TekigoHarnessError(
      'STIMULUS_REFUSED',
      `the target answered ${answer.status ?? 'nothing'} to the ${body.kind} stimulus; its upper tester must accept it to be tested`,
    );
  return { recordIds, sinceEpochMs };
}

export const applyChanges = (t: ConformanceTest, changes: readonly Record<string, unknown>[]) =>
  stimulate(t, { kind: 'apply-resident-changes', changes });

/** The municipality sends resident changes to the national center; each planned record is a birth. */
export const RESIDENT_CHANGES_SENDER: SenderAdapter<Resident> = {
  ids: 'MU-S',
  interface: RESIDENT_CHANGES,
  peer: CENTER,
  naturalKey: 'residentCode',
  plan: (count) => planResidents(count),
  keyOf: (resident) => resident.residentCode,
  async stimulate(t, planned) {
    const { recordIds, sinceEpochMs } = await applyChanges(t, planned.map(birth));
    return { keys: planned.map((r) => r.residentCode), recordIds, sinceEpochMs };
  },
};

/** The municipality pushes resident syncs to the issuance service. */
export const RESIDENT_SYNC_SENDER: SenderAdapter<Resident> = {
  ids: 'MU-Y',
  interface: RESIDENT_SYNC,
  peer: ISSUANCE_SERVICE,
  naturalKey: 'residentCode',
  plan: (count) => planResidents(count),
  keyOf: (resident) => resident.residentCode,
  async stimulate(t, planned) {
    const residents = planned.map((r) => ({ residentCode: r.residentCode, items: r.items }));
    const { recordIds, sinceEpochMs } = await stimulate(t, { kind: 'push-resident-sync', residents });
    return { keys: planned.map((r) => r.residentCode), recordIds, sinceEpochMs };
  },
};

/** Exchanges of one interface in a ledger, oldest first. */
export function exchanges(entries: readonly LedgerEntry[], iface: string): ExchangeEntry[] {
  return entries.filter((e): e is ExchangeEntry => e.kind === 'exchange' && e.interface === iface);
}

/** Gives the municipality these residents (births) and waits until the center accepted them. */
export async function bornAtCenter(t: ConformanceTest, residents: readonly Resident[]): Promise<void> {
  const { deliveryBoundMs } = t.env.capabilities.parameters;
  await applyChanges(t, residents.map(birth));
  const wanted = new Set(residents.map((r) => r.residentCode));
  await t.waitFor(
    'the births delivered',
    async () => {
      const seen = new Set(
        exchanges(await t.env.mock(CENTER).ledgerEntries(), RESIDENT_CHANGES)
          .filter((e) => e.status === 200)
          .flatMap((e) =>
            ((e.requestBody as { records?: { residentCode: string }[] }).records ?? []).map(
              (r) => r.residentCode,
            ),
          ),
      );
      return [...wanted].every((code) => seen.has(code)) ? true : undefined;
    },
    { timeoutMs: deliveryBoundMs + 1_000 },
  );
}

export interface SubmittedBatch {
  readonly batchId: string;
  readonly recordIds: readonly string[];
  /** The submission the center answered 202. */
  readonly accepted: ExchangeEntry;
}

/** Makes the municipality submit a card batch for these residents and waits for the center's 202. */
export async function submitCards(
  t: ConformanceTest,
  residentCodes: readonly string[],
): Promise<SubmittedBatch> {
  const { deliveryBoundMs } = t.env.capabilities.parameters;
  const { recordIds } = await stimulate(t, { kind: 'submit-card-batch', residentCodes });
  const accepted = await t.waitFor(
    'the card batch accepted by the center',
    async () =>
      exchanges(await t.env.mock(CENTER).ledgerEntries(), CARD_PRODUCTION).find(
        (e) =>
          e.method === 'POST' &&
          e.status === 202 &&
          ((e.requestBody as { records?: { recordId: string }[] }).records ?? []).some(
            (r) => r.recordId === recordIds[0],
          ),
      ),
    { timeoutMs: deliveryBoundMs + 1_000 },
  );
  if (!accepted)
    throw new TekigoHarnessError(
      'CARD_BATCH_NOT_SENT',
      'the target did not submit the card batch within its deliveryBoundMs',
    );
  return { batchId: (accepted.requestBody as { batchId: string }).batchId, recordIds, accepted };
}

export interface BatchView {
  readonly batchId: string;
  readonly state: string;
  readonly counts: { total: number; pending: number; registered: number; failed: number };
  readonly records: readonly { recordId: string; residentCode: string; outcome: string; notified: boolean }[];
  readonly notice: { state: string; noticesApplied: number; terminalReadAt?: string; missingSince?: string };
}

/** The municipality's operator view of a batch (GET /card-batches/{batchId}). */
export async function viewBatch(
  t: ConformanceTest,
  batchId: string,
): Promise<{ answer: SutResponse; view: BatchView | undefined }> {
  const answer = await t.env.sut.get(`/card-batches/${batchId}`, {
    interface: CARD_PRODUCTION,
    responseType: 'card-production/batch-view',
  });
  return {
    answer,
    view: answer.status === 200 ? ((answer.body as BatchView | null) ?? undefined) : undefined,
  };
}

/** The center's status reads of one batch that it answered, oldest first. */
export async function statusReads(t: ConformanceTest, batchId: string): Promise<ExchangeEntry[]> {
  return exchanges(await t.env.mock(CENTER).ledgerEntries(), CARD_PRODUCTION).filter(
    (e) => e.method === 'GET' && e.path.endsWith(`/card-batches/${batchId}`) && e.status === 200,
  );
}

export const TERMINAL = new Set(['completed', 'failed', 'partially-completed']);

/** The first status read the center answered terminal, once there is one. */
export async function terminalRead(
  t: ConformanceTest,
  batchId: string,
  timeoutMs: number,
): Promise<ExchangeEntry | undefined> {
  return t.waitFor(
    'the batch read terminal',
    async () =>
      (await statusReads(t, batchId)).find((e) =>
        TERMINAL.has(String((e.responseBody as { state?: string }).state)),
      ),
    { timeoutMs, intervalMs: 50 },
  );
}

/** A registration notice of a batch for these records, as the center would send it. */
export function notice(
  batch: SubmittedBatch,
  records: readonly { recordId: string; outcome: 'registered' | 'failed' }[],
  final: boolean,
): Record<string, unknown> {
  const at = new Date().toISOString();
  return {
    noticeId: crypto.randomUUID(),
    batchId: batch.batchId,
    municipalityCode: (batch.accepted.requestBody as { municipalityCode: string }).municipalityCode,
    sentAt: at,
    final,
    records: records.map((r) =>
      r.outcome === 'registered'
        ? { recordId: r.recordId, outcome: 'registered', registeredAt: at }
        : {
            recordId: r.recordId,
            outcome: 'failed',
            problem: { type: 'urn:tekigo:problem:unknown-resident', title: 'Unknown resident', status: 422 },
          },
    ),
  };
}

/** Points the mock center's registration-notices at the target, then delivers `body` once. */
export async function deliverNotice(t: ConformanceTest, body: unknown): Promise<void> {
  const center = t.env.mock(CENTER);
  await center.setPeers([{ interface: NOTICES, url: t.env.targetUrl }]);
  await center.send({ interface: NOTICES, body });
}

/** Today's date in Japan, the reconciliation day of records made now. */
export const jstToday = (): string => jstDate(new Date().toISOString());

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
