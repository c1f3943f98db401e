import { recordAttempts } from '../../src/checks/index.ts';
import type { SutResponse } from '../../src/client/sut-client.ts';
import type { ConformanceTest } from '../../src/conformance/conformance-suite.ts';
import { ref } from '../../src/conformance/profiles/batch-receiver/receiver-judges.ts';
import { TekigoEnvironmentError } from '../../src/errors.ts';
import type { EvidenceRef } from '../../src/report/report-model.ts';
import {
  certificateStatus,
  ISSUANCES,
  nationalCenterEntries,
  REVOCATIONS,
  type RevocationReason,
} from './ca-scenario.ts';

/** What the certification authority's receiving tests share: revocation requests and status reads. */

/** The sides specs/README.md gives the certification authority (GEN-UT-003). */
export const CA_INTERFACES: Readonly<Record<string, 'sender' | 'receiver'>> = {
  'certificate-issuances': 'sender',
  'revocation-requests': 'receiver',
  'certificate-status': 'receiver',
  reconciliation: 'receiver',
  'dead-letters': 'receiver',
  health: 'receiver',
  'upper-tester': 'receiver',
};

export const REASONS: readonly RevocationReason[] = [
  'move-out',
  'name-change',
  'death',
  'loss',
  'correction',
];

/** Never issued: the suite's serials start with 7E. */
export const UNKNOWN_SERIAL = '000000000000DEAD';

export interface RecordResultBody {
  readonly recordId?: string;
  readonly outcome?: string;
  readonly problem?: { readonly type?: string };
}

/** A raw revocation request as JSON with its own correlation id, still without a body. */
export const revocationPost = () => ({
  method: 'POST',
  path: '/revocation-requests',
  headers: { 'content-type': 'application/json', 'x-correlation-id': crypto.randomUUID() },
  interface: REVOCATIONS,
});

export type Status = Awaited<ReturnType<typeof certificateStatus>>;

export const sameStatus = (x: Status, y: Status): boolean =>
  x.body.status === y.body.status &&
  x.body.revokedAt === y.body.revokedAt &&
  x.body.revocationReason === y.body.revocationReason;

export const revokedFor = (answered: Status, reason: string): boolean =>
  answered.body.status === 'revoked' &&
  typeof answered.body.revokedAt === 'string' &&
  answered.body.revocationReason === reason;

export const described = ({ body, answer }: Status): string =>
  body.status === 'revoked'
    ? `revoked (${body.revocationReason ?? 'no reason'} at ${body.revokedAt ?? 'no time'})`
    : (body.status ?? `answered ${answer.status}`);

export const resultsOf = (answer: SutResponse): readonly RecordResultBody[] => {
  const results = (answer.body as { results?: unknown } | null)?.results;
  return Array.isArray(results) ? (results as RecordResultBody[]) : [];
};

/** POST /conformance/stimulus with issue-certificates, answered as it comes (refusals included). */
export function stimulate(t: ConformanceTest, certificates: readonly object[]): Promise<SutResponse> {
  return t.env.sut.post(
    '/conformance/stimulus',
    { kind: 'issue-certificates', certificates },
    { interface: 'upper-tester', responseType: 'upper-tester/stimulus-result' },
  );
}

/**
 * Health, and good for a certificate no hostile request named, answered by the same process when
 * tekigo launched it.
 */
export async function stillServing(
  t: ConformanceTest,
  serial: string,
): Promise<{ ok: boolean; message: string; evidence: EvidenceRef[] }> {
  try {
    const health = await t.env.sut.get('/health', { interface: 'health' });
    const status = await certificateStatus(t, serial);
    const control = t.env.control;
    const running = control ? await control.isRunning() : null;
    const observed = t.observe('target-process', { observable: control !== null, running });
    return {
      ok: health.status === 200 && status.body.status === 'good' && running !== false,
      message: `/health answered ${health.status}, certificate-status of an untouched certificate ${status.body.status ?? status.answer.status}, ${running === null ? 'process not observable (tekigo did not start it)' : running ? 'the process tekigo started still running' : 'the process tekigo started is gone'}`,
      evidence: [ref(health), ref(status.answer), observed],
    };
  } catch (error) {
    if (!(error instanceof TekigoEnvironmentError && error.code === 'TARGET_UNREACHABLE')) throw error;
    return {
      ok: false,
      message: `the target stopped accepting connections (${error.message})`,
      evidence: [],
    };
  }
}

/** The national center's ledger once every recordId has been accepted there, or the time is up. */
export async function awaitAccepted(
  t: ConformanceTest,
  recordIds: readonly string[],
  timeoutMs: number,
  since: number,
) {
  const settled = await t.waitFor(
    'every notice accepted',
    async () => {
      const entries = (await nationalCenterEntries(t)).filter((e) => e.seq > since);
      const accepted = new Set(
        recordAttempts(entries, ISSUANCES)
          .filter((a) => a.outcome === 'accepted' || a.outcome === 'duplicate')
          .map((a) => a.recordId),
      );
      return recordIds.every((id) => accepted.has(id)) ? entries : undefined;
    },
    { timeoutMs },
  );
  return settled ?? (await nationalCenterEntries(t)).filter((e) => e.seq > since);
}
