import type { ReconciliationEntries, TargetLog } from '../../src/checks/index.ts';
import type { SutResponse } from '../../src/client/sut-client.ts';
import type { ConformanceTest } from '../../src/conformance/conformance-suite.ts';
import { PERMANENT_REJECTION } from '../../src/conformance/profiles/problem-types.ts';
import {
  awaitSettled as awaitSettledBy,
  type DeadLetter,
  deadLetters as deadLettersOf,
  peerEntries,
} from '../../src/conformance/profiles/profile-kit.ts';
import type { SenderAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import { serialNumber, syntheticResident } from '../../src/conformance/synthetic-data.ts';
import { TekigoHarnessError } from '../../src/errors.ts';
import type { LedgerEntry } from '../../src/evidence/ledger-entry.ts';
import { jstDate } from '../../src/reconciliation/accepted-digest.ts';
import type { ReconciliationEntry } from '../../src/reconciliation/reconciliation-entry.ts';

/** Shared steps of the certification-authority suite; every test file uses these, none repeats them. */
export const ISSUANCES = 'certificate-issuances';
export const NATIONAL_CENTER = 'national-center';

let nextTag = Math.floor(Date.now() / 1000) % 0xfff000;

export interface Issued {
  readonly serials: readonly string[];
  readonly recordIds: readonly string[];
  readonly certificates: readonly IssuedCertificate[];
  /** Wall-clock time just before the stimulus, the zero of every delivery bound. */
  readonly sinceEpochMs: number;
}

export interface IssuedCertificate {
  readonly serialNumber: string;
  readonly certificateType: 'signature';
  readonly residentCode: string;
  readonly municipalityCode: string;
  readonly items: ReturnType<typeof syntheticResident>['items'];
}

/** Certificates with serials known in advance, so a fault rule can name one before it is sent. */
export function planCertificates(count: number): IssuedCertificate[] {
  const tag = ++nextTag;
  return Array.from({ length: count }, (_, i) => {
    const resident = syntheticResident((tag % 1000) * 10_000 + i);
    return { serialNumber: serialNumber(tag, i), certificateType: 'signature', ...resident };
  });
}

/** Asks the target, through its upper tester, to issue these certificates (or `count` new ones). */
export async function issueCertificates(
  t: ConformanceTest,
  planned: number | readonly IssuedCertificate[],
): Promise<Issued> {
  const certificates = typeof planned === 'number' ? planCertificates(planned) : planned;
  const sinceEpochMs = Date.now();
  const answer = await t.env.sut.post(
    '/conformance/stimulus',
    { kind: 'issue-certificates', certificates },
    {
      interface: 'upper-tester',
      requestType: 'upper-tester/stimulus-request',
      responseType: 'upper-tester/stimulus-result',
    },
  );
  const body = answer.body as { recordIds?: string[] } | null;
  if (answer.status !== 202 || !Array.isArray(body?.recordIds)) {
    throw new TekigoHarnessError(
      'STIMULUS_REFUSED',
      `the target answered ${answer.status ?? 'nothing'} to the issue-certificates stimulus; its upper tester must accept it to be tested`,
    );
  }
  return {
    serials: certificates.map((c) => c.serialNumber),
    recordIds: body.recordIds,
    certificates,
    sinceEpochMs,
  };
}

/** The certification authority sends certificate-issuances notices to the national center. */
export const CERTIFICATE_ISSUANCES: SenderAdapter<IssuedCertificate> = {
  ids: 'CA-S',
  interface: ISSUANCES,
  peer: NATIONAL_CENTER,
  naturalKey: 'serialNumber',
  plan: (count) => planCertificates(count),
  keyOf: (certificate) => certificate.serialNumber,
  async stimulate(t, planned) {
    const issued = await issueCertificates(t, planned);
    return { keys: issued.serials, recordIds: issued.recordIds, sinceEpochMs: issued.sinceEpochMs };
  },
};

export function nationalCenterEntries(t: ConformanceTest): Promise<readonly LedgerEntry[]> {
  return peerEntries(t, CERTIFICATE_ISSUANCES);
}

/**
 * Waits until every serial has a terminal answer from the mock (accepted, duplicate or
 * rejected), or the time is up; returns the mock's ledger either way so checks judge it.
 */
export function awaitSettled(
  t: ConformanceTest,
  serials: readonly string[],
  timeoutMs: number,
): Promise<readonly LedgerEntry[]> {
  return awaitSettledBy(t, CERTIFICATE_ISSUANCES, serials, timeoutMs);
}

/** The target's dead letters for certificate-issuances. */
export function deadLetters(t: ConformanceTest): Promise<DeadLetter[]> {
  return deadLettersOf(t, ISSUANCES);
}

export type { DeadLetter };

/** Today's date in Japan, the reconciliation day of records made now. */
export const jstToday = (): string => jstDate(new Date().toISOString());

export const REVOCATIONS = 'revocation-requests';

export type RevocationReason =
  | 'move-out'
  | 'name-change'
  | 'address-change'
  | 'death'
  | 'correction'
  | 'loss'
  | 'other';

export interface RevocationRecord {
  readonly recordId: string;
  readonly recordedAt: string;
  readonly serialNumber: string;
  readonly residentCode: string;
  readonly reason: RevocationReason;
}

/** A well-formed revocation request record for a certificate, under a new recordId. */
export function revocationOf(
  certificate: { readonly serialNumber: string; readonly residentCode: string },
  reason: RevocationReason = 'move-out',
): RevocationRecord {
  return {
    recordId: crypto.randomUUID(),
    recordedAt: new Date().toISOString(),
    serialNumber: certificate.serialNumber,
    residentCode: certificate.residentCode,
    reason,
  };
}

/** A revocation batch request around these records (or whatever is given, for malformed ones). */
export function revocationBatch(records: readonly unknown[]): {
  batchId: string;
  sentAt: string;
  records: unknown[];
} {
  return { batchId: crypto.randomUUID(), sentAt: new Date().toISOString(), records: [...records] };
}

/** Sends a body to POST /revocation-requests as the national center would. */
export function postRevocations(
  t: ConformanceTest,
  body: unknown,
  headers?: Readonly<Record<string, string>>,
  timeoutMs?: number,
): Promise<SutResponse> {
  return t.env.sut.post('/revocation-requests', body, {
    interface: REVOCATIONS,
    requestType: 'revocation-requests/batch-request',
    responseType: 'revocation-requests/batch-result',
    ...(headers ? { headers } : {}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

export interface StatusAnswer {
  readonly serialNumber?: string;
  readonly status?: 'good' | 'revoked' | 'unknown';
  readonly revokedAt?: string;
  readonly revocationReason?: string;
}

/** GET /certificate-status/{serial}, as a signature verifier asks. */
export async function certificateStatus(
  t: ConformanceTest,
  serial: string,
  timeoutMs?: number,
): Promise<{ readonly answer: SutResponse; readonly body: StatusAnswer }> {
  const answer = await t.env.sut.get(`/certificate-status/${serial}`, {
    interface: 'certificate-status',
    responseType: 'certificate-status/status-response',
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  const body = answer.status === 200 ? (answer.body as StatusAnswer | null) : null;
  return { answer, body: body ?? {} };
}

/** The target's own reconciliation entry with the national center for one interface, direction and day. */
export async function ownReconciliation(
  t: ConformanceTest,
  interfaceName: string,
  direction: 'inbound' | 'outbound',
  date: string,
): Promise<ReconciliationEntry | undefined> {
  const answer = await t.env.sut.get(`/reconciliation?date=${date}&peer=${NATIONAL_CENTER}`, {
    interface: 'reconciliation',
    responseType: 'reconciliation/report',
  });
  const entries = (answer.body as { entries?: ReconciliationEntry[] } | null)?.entries;
  return answer.status === 200 && Array.isArray(entries)
    ? entries.find((e) => e.interface === interfaceName && e.direction === direction)
    : undefined;
}

/** The whole reconciliation report for a day with the national center, with the exchange that fetched it. */
export async function reconciliationReport(
  t: ConformanceTest,
  date: string,
): Promise<{ readonly answer: SutResponse; readonly report: ReconciliationEntries | null }> {
  const answer = await t.env.sut.get(`/reconciliation?date=${date}&peer=${NATIONAL_CENTER}`, {
    interface: 'reconciliation',
    responseType: 'reconciliation/report',
  });
  const report = answer.body as ReconciliationEntries | null;
  return { answer, report: answer.status === 200 && Array.isArray(report?.entries) ? report : null };
}

/** Where the launched target's log stood, and the suite's ledger, when a test began. */
export interface LogMark {
  readonly lines: number;
  readonly lastLine: string | undefined;
  readonly suiteSeq: number;
}

export function markTargetLog(t: ConformanceTest): LogMark {
  const lines = t.control().log();
  return { lines: lines.length, lastLine: lines.at(-1), suiteSeq: t.env.ledger.lastSeq };
}

/** How long a log line may take to travel from the target's stdout into the suite. */
const LOG_CATCH_UP_MS = 2_000;

/**
 * The lines the launched target logged since `mark`, recorded in the suite's ledger as an
 * observation so verdicts on them can be re-judged. A last request under a marker correlation id
 * shows when the log has caught up: stdout keeps order, so every earlier line is in by then.
 */
export async function targetLogSince(t: ConformanceTest, mark: LogMark): Promise<TargetLog> {
  const marker = `log-mark-${crypto.randomUUID()}`;
  await t.env.sut.get('/health', { interface: 'health', headers: { 'x-correlation-id': marker } });
  await t.waitFor(
    'the log caught up',
    async () =>
      t
        .control()
        .log()
        .some((line) => line.includes(marker))
        ? true
        : undefined,
    { timeoutMs: LOG_CATCH_UP_MS },
  );
  const all = t.control().log();
  // The party keeps the last lines only; if the mark has scrolled off, find it by content.
  const start =
    all[mark.lines - 1] === mark.lastLine
      ? mark.lines
      : mark.lastLine === undefined
        ? 0
        : all.lastIndexOf(mark.lastLine) + 1;
  const lines = all.slice(start);
  const entry = t.env.ledger.append({
    kind: 'observation',
    source: 'target-log',
    what: 'log-lines',
    data: lines,
  });
  return { lines, ref: { ledger: 'suite', seq: entry.seq } };
}

/** The suite's own exchanges since `mark`, e.g. to look for each of them in the target's log. */
export function suiteEntriesSince(t: ConformanceTest, mark: LogMark): readonly LedgerEntry[] {
  return t.env.ledger.since(mark.suiteSeq);
}

// What the durability and operator-view tests share.

export const UNKNOWN_SERIAL = '00000000DEADBEEF';

export const rejectSerials = (id: string, serials: readonly (string | undefined)[], times?: number) => ({
  id,
  interface: ISSUANCES,
  ...(times === undefined ? {} : { times }),
  when: { records: { pointer: '/serialNumber', in: serials } },
  action: { kind: 'reject-records', problem: PERMANENT_REJECTION },
});

/** Waits until the target holds a dead letter for each of these records; returns the list either way. */
export async function awaitDeadLetters(
  t: ConformanceTest,
  recordIds: readonly (string | undefined)[],
): Promise<DeadLetter[]> {
  const found = await t.waitFor(
    'the dead letters',
    async () => {
      const letters = await deadLetters(t);
      return recordIds.every((id) => letters.some((l) => l.recordId === id)) ? letters : undefined;
    },
    { timeoutMs: t.env.capabilities.parameters.deliveryBoundMs + 1_000 },
  );
  return found ?? deadLetters(t);
}

/**
 * Issues the planned certificates with the national center rejecting the third record, and waits
 * until every record is settled and the third is dead-lettered: the state the operator-view and
 * crash tests start from.
 */
export async function issueWithThirdDeadLettered(
  t: ConformanceTest,
  planned: readonly IssuedCertificate[],
): Promise<Issued> {
  await t.env
    .mock(NATIONAL_CENTER)
    .setFaults({ rules: [rejectSerials('reject-third', [planned[2]?.serialNumber])] });
  const issued = await issueCertificates(t, planned);
  await awaitSettled(t, issued.serials, t.env.capabilities.parameters.deliveryBoundMs + 1_000);
  await awaitDeadLetters(t, [issued.recordIds[2]]);
  return issued;
}

/** Waits until the target's outbound counts for `date` have nothing pending; returns its last report. */
export async function awaitNothingPending(
  t: ConformanceTest,
  date: string,
): Promise<Awaited<ReturnType<typeof reconciliationReport>>> {
  let last: Awaited<ReturnType<typeof reconciliationReport>> | undefined;
  await t.waitFor(
    'nothing pending',
    async () => {
      last = await reconciliationReport(t, date);
      const outbound = last.report?.entries.find((e) => e.direction === 'outbound');
      return outbound?.counts.pending === 0 ? true : undefined;
    },
    { timeoutMs: t.env.capabilities.parameters.deliveryBoundMs },
  );
  return last ?? reconciliationReport(t, date);
}

export const outcomesOf = (answer: SutResponse): (string | undefined)[] =>
  ((answer.body as { results?: { outcome?: string }[] } | null)?.results ?? []).map((r) => r.outcome);

/** Where one of the suite client's exchanges sits in the test's evidence. */
export const answerRef = (answer: SutResponse) => ({ ledger: 'suite', seq: answer.entry.seq });

export const tooFewPlanned = () =>
  new TekigoHarnessError('PLAN_TOO_SHORT', 'planCertificates returned fewer certificates than asked for');
