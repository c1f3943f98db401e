import type { EvidenceRef } from '../report/report-model.ts';

/** One request the security profile made as some caller, as recorded in the suite's ledger. */
export interface SecurityAttempt {
  /** Who called and what, in words: "no client certificate", "a relay certificate on resident-changes". */
  readonly what: string;
  readonly outcome: 'answered' | 'aborted' | 'network-error' | 'timeout';
  readonly status: number | null;
  /** The problem type of a problem+json answer, else null. */
  readonly problemType: string | null;
  readonly ref: EvidenceRef;
}

export const FORBIDDEN_TYPE = 'urn:tekigo:problem:forbidden';

/** "answered 200", "answered 403 urn:…", "no answer (network-error)". */
export function describeAttempt(attempt: SecurityAttempt): string {
  if (attempt.status === null) return `no answer (${attempt.outcome})`;
  return `answered ${attempt.status}${attempt.problemType ? ` ${attempt.problemType}` : ''}`;
}
