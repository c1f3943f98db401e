export { resultsOf } from '../../src/conformance/profiles/batch-receiver/receiver-steps.ts';

import { recordAttempts } from '../../src/checks/index.ts';
import type { SutResponse } from '../../src/client/sut-client.ts';
import type { ConformanceTest } from '../../src/conformance/conformance-suite.ts';
import {
  type certificateStatus,
  ISSUANCES,
  nationalCenterEntries,
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

/** POST /conformance/stimulus with issue-certificates, answered as it comes (refusals included). */
export function stimulate(t: ConformanceTest, certificates: readonly object[]): Promise<SutResponse> {
  return t.env.sut.post(
    '/conformance/stimulus',
    { kind: 'issue-certificates', certificates },
    { interface: 'upper-tester', responseType: 'upper-tester/stimulus-result' },
  );
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
