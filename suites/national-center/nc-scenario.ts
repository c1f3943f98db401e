import { recordAttempts } from '../../src/checks/index.ts';
import type { SutResponse } from '../../src/client/sut-client.ts';
import type { ConformanceTest } from '../../src/conformance/conformance-suite.ts';
import type { SenderAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import {
  type SyntheticResident,
  serialNumber,
  syntheticResident,
} from '../../src/conformance/synthetic-data.ts';
import { TekigoHarnessError } from '../../src/errors.ts';
import type { LedgerEntry } from '../../src/evidence/ledger-entry.ts';
import { canonicalJson, sha256Hex } from '../../src/spec/canonical-json.ts';

/**
 * Shared steps of the national-center suite. The center has no stimulus kinds: the suite gives
 * it residents by sending births, links certificates by sending issuance notices, causes
 * revocations by sending changes, and holds card batches with PUT /conformance/hooks.
 */
export const AUTHORITY = 'certification-authority';
export const MUNICIPALITY = 'municipality';
export const REVOCATIONS = 'revocation-requests';
export const NOTICES = 'registration-notices';
export const TOKYO = '131016';
/** A second municipality, where residents move to (Osaka city). */
export const OSAKA = '271004';
export const INDIVIDUAL_NUMBER = '123456789018';
/** An address outside the municipality, where move-outs go. */
export const NEW_ADDRESS = '大阪府大阪市北区試験町1番1号';

let nextTag = (Math.floor(Date.now() / 1000) % 90_000) + 1_000;
let nextSequence = 1;

export type Items = SyntheticResident['items'];

/** The digest of the four items a certificate is issued over (CA-ISS-002). */
export const digestOf = (items: unknown): string => sha256Hex(canonicalJson(items));

/** Residents never used before in this run, each with a certificate serial planned for it. */
export function planResidents(count: number): (SyntheticResident & { serialNumber: string })[] {
  const tag = ++nextTag;
  return Array.from({ length: count }, (_, i) => ({
    ...syntheticResident(tag * 100 + i, TOKYO),
    serialNumber: serialNumber(tag, i),
  }));
}

export interface ChangeFields {
  readonly sequence?: number;
  readonly items?: unknown;
  readonly recordId?: string;
}

/** A resident-change record; its sequence increases with every call unless given. */
export function change(residentCode: string, changeType: string, fields: ChangeFields = {}) {
  return {
    recordId: fields.recordId ?? crypto.randomUUID(),
    recordedAt: new Date().toISOString(),
    sequence: fields.sequence ?? nextSequence++,
    residentCode,
    changeType,
    effectiveDate: '2025-04-01',
    ...(fields.items === undefined ? {} : { items: fields.items }),
  };
}

export type ChangeRecord = ReturnType<typeof change>;

/** Sends resident changes as the municipality would; returns the answer (recorded in the suite ledger). */
export function sendChanges(
  t: ConformanceTest,
  records: readonly unknown[],
  municipalityCode = TOKYO,
): Promise<SutResponse> {
  return t.env.sut.post(
    '/resident-changes',
    { batchId: crypto.randomUUID(), sentAt: new Date().toISOString(), municipalityCode, records },
    {
      interface: 'resident-changes',
      requestType: 'resident-changes/batch-request',
      responseType: 'resident-changes/batch-result',
    },
  );
}

/** Where one answer is in the evidence. */
export const refOf = (answer: SutResponse) => ({ ledger: 'suite', seq: answer.entry.seq });

/** The per-record outcomes of a batch answer, in request order (`rejected:<type suffix>`). */
export function outcomesOf(answer: SutResponse): string[] {
  const results = (answer.body as { results?: { outcome: string; problem?: { type?: string } }[] } | null)
    ?.results;
  return (results ?? []).map((r) =>
    r.outcome === 'rejected' ? `rejected:${String(r.problem?.type).split(':').pop()}` : r.outcome,
  );
}

export function issuance(
  resident: { residentCode: string; serialNumber: string },
  itemsDigest: string,
  municipalityCode = TOKYO,
) {
  return {
    recordId: crypto.randomUUID(),
    recordedAt: new Date().toISOString(),
    serialNumber: resident.serialNumber,
    certificateType: 'signature',
    residentCode: resident.residentCode,
    municipalityCode,
    notBefore: new Date().toISOString(),
    notAfter: new Date(Date.now() + 86_400_000).toISOString(),
    itemsDigest,
  };
}

/** Sends certificate-issuance notices as the certification authority would. */
export function sendIssuances(t: ConformanceTest, records: readonly unknown[]): Promise<SutResponse> {
  return t.env.sut.post(
    '/certificate-issuances',
    {
      batchId: crypto.randomUUID(),
      sentAt: new Date().toISOString(),
      authorityId: 'tekigo-authority',
      records,
    },
    {
      interface: 'certificate-issuances',
      requestType: 'certificate-issuances/batch-request',
      responseType: 'certificate-issuances/batch-result',
    },
  );
}

/** Fails the run (not the target) when a setup step it cannot do without is refused. */
export function requireAccepted(answer: SutResponse, what: string): void {
  const outcomes = outcomesOf(answer);
  if (answer.status !== 200 || outcomes.some((o) => o !== 'accepted'))
    throw new TekigoHarnessError(
      'SETUP_REFUSED',
      `the target answered ${answer.status ?? 'nothing'} (${outcomes.join(', ')}) to ${what}; the center must accept it to be tested`,
    );
}

/** Residents born with their certificates linked: the state every revocation test starts from. */
export async function residentsWithCertificates(
  t: ConformanceTest,
  residents: readonly (SyntheticResident & { serialNumber: string })[],
): Promise<void> {
  requireAccepted(
    await sendChanges(
      t,
      residents.map((r) => change(r.residentCode, 'birth', { items: r.items })),
    ),
    'births of new residents',
  );
  requireAccepted(
    await sendIssuances(
      t,
      residents.map((r) => issuance(r, digestOf(r.items))),
    ),
    'issuance notices for their certificates',
  );
}

/** Revocation requests that reached the mock authority, by serial number. */
export async function revocationEntries(t: ConformanceTest): Promise<readonly LedgerEntry[]> {
  return t.env.mock(AUTHORITY).ledgerEntries();
}

/**
 * The recordIds of the revocation requests each certificate got, by serial number; with
 * `answered`, only attempts the authority answered for the record (accepted, duplicate, rejected).
 */
export function revocationsBySerial(
  entries: readonly LedgerEntry[],
  { answered = false } = {},
): Map<string, Set<string>> {
  const bySerial = new Map<string, Set<string>>();
  for (const a of recordAttempts(entries, REVOCATIONS)) {
    if (answered && a.outcome === null) continue;
    const serial = String(a.record.serialNumber);
    const ids = bySerial.get(serial) ?? new Set<string>();
    ids.add(a.recordId);
    bySerial.set(serial, ids);
  }
  return bySerial;
}

/**
 * The revocation-requests interface for the batch-sender profile: residents are born, their
 * certificates linked, then they move out; each move-out makes the center request one revocation
 * (natural key `serialNumber`). Its recordIds are the center's, read from what the authority got.
 */
export const REVOCATION_REQUESTS: SenderAdapter<SyntheticResident & { serialNumber: string }> = {
  ids: 'NC-S',
  interface: REVOCATIONS,
  peer: AUTHORITY,
  naturalKey: 'serialNumber',
  plan: (count) => planResidents(count),
  keyOf: (resident) => resident.serialNumber,
  async stimulate(t, planned) {
    await residentsWithCertificates(t, planned);
    const sinceEpochMs = Date.now();
    requireAccepted(
      await sendChanges(
        t,
        planned.map((r) => change(r.residentCode, 'move-out', { items: { address: NEW_ADDRESS } })),
      ),
      'move-outs of residents it holds',
    );
    const keys = planned.map((r) => r.serialNumber);
    const { requestTimeoutMs, deliveryBoundMs } = t.env.capabilities.parameters;
    const seen = await t.waitFor(
      'a revocation request for every certificate',
      async () => {
        const bySerial = revocationsBySerial(await revocationEntries(t));
        return keys.every((k) => bySerial.has(k)) ? bySerial : undefined;
      },
      { timeoutMs: requestTimeoutMs + deliveryBoundMs + 1_000, intervalMs: 50 },
    );
    const recordIds = keys.map((k) => [...(seen?.get(k) ?? [])][0] ?? `not-sent:${k}`);
    return { keys, recordIds, sinceEpochMs };
  },
};

/** A card-production batch for these residents (codes the center may or may not hold). */
export function cardBatch(residentCodes: readonly string[]) {
  return {
    batchId: crypto.randomUUID(),
    sentAt: new Date().toISOString(),
    municipalityCode: TOKYO,
    records: residentCodes.map((residentCode) => ({
      recordId: crypto.randomUUID(),
      recordedAt: new Date().toISOString(),
      residentCode,
      individualNumber: INDIVIDUAL_NUMBER,
      items: syntheticResident(0).items,
      cardType: 'my-number-card',
    })),
  };
}

export function submitCardBatch(
  t: ConformanceTest,
  batch: ReturnType<typeof cardBatch>,
): Promise<SutResponse> {
  return t.env.sut.post('/card-batches', batch, {
    interface: 'card-production',
    requestType: 'card-production/batch-request',
    responseType: 'card-production/batch-accepted',
  });
}

export interface BatchStatus {
  readonly state: string;
  readonly records: readonly { readonly recordId: string; readonly outcome: string }[];
  readonly counts: Readonly<Record<string, number>>;
}

/** One poll of a batch's status: the answer's status, its body, and where it is in the evidence. */
export async function pollBatch(t: ConformanceTest, batchId: string) {
  const answer = await t.env.sut.get(`/card-batches/${batchId}`, {
    interface: 'card-production',
    responseType: 'card-production/batch-status',
  });
  return {
    status: answer.status,
    body: answer.status === 200 ? (answer.body as BatchStatus) : null,
    ref: { ledger: 'suite', seq: answer.entry.seq },
  };
}

export type BatchPoll = Awaited<ReturnType<typeof pollBatch>>;

/** Holds card-batch processing as the hooks say ({} releases everything). */
export async function setHooks(t: ConformanceTest, hooks: unknown): Promise<void> {
  const answer = await t.env.sut.put('/conformance/hooks', hooks, {
    interface: 'upper-tester',
    requestType: 'upper-tester/hooks',
  });
  if (answer.status !== 204)
    t.notApplicable(
      `the target answered ${answer.status} to PUT /conformance/hooks; card tests need its hooks`,
    );
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
