import { recordAttempts } from '../../src/checks/index.ts';
import type { ConformanceTest } from '../../src/conformance/conformance-suite.ts';
import { serialNumber, syntheticResident } from '../../src/conformance/synthetic-data.ts';
import { TekigoHarnessError } from '../../src/errors.ts';
import type { LedgerEntry } from '../../src/evidence/ledger-entry.ts';
import { jstDate } from '../../src/reconciliation/accepted-digest.ts';

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

export function nationalCenterEntries(t: ConformanceTest): Promise<readonly LedgerEntry[]> {
  return t.env.mock(NATIONAL_CENTER).ledgerEntries();
}

/**
 * Waits until every serial has a terminal answer from the mock (accepted, duplicate or
 * rejected), or the time is up; returns the mock's ledger either way so checks judge it.
 */
export async function awaitSettled(
  t: ConformanceTest,
  serials: readonly string[],
  timeoutMs: number,
): Promise<readonly LedgerEntry[]> {
  const wanted = new Set(serials);
  const settled = await t.waitFor(
    'every notice answered',
    async () => {
      const entries = await nationalCenterEntries(t);
      const done = new Set(
        recordAttempts(entries, ISSUANCES)
          .filter((a) => a.outcome !== null)
          .map((a) => String(a.record.serialNumber)),
      );
      return [...wanted].every((s) => done.has(s)) ? entries : undefined;
    },
    { timeoutMs },
  );
  return settled ?? nationalCenterEntries(t);
}

/** The target's dead letters for certificate-issuances. */
export async function deadLetters(t: ConformanceTest): Promise<DeadLetter[]> {
  const answer = await t.env.sut.get(`/dead-letters?interface=${ISSUANCES}`, {
    interface: 'dead-letters',
    responseType: 'dead-letters/list',
  });
  const items = (answer.body as { items?: DeadLetter[] } | null)?.items;
  return answer.status === 200 && Array.isArray(items) ? items : [];
}

export interface DeadLetter {
  readonly id: string;
  readonly recordId: string;
  readonly attempts: number;
  readonly reason: string;
  readonly state: string;
  readonly lastError: { readonly type?: string };
}

/** Today's date in Japan, the reconciliation day of records made now. */
export const jstToday = (): string => jstDate(new Date().toISOString());
