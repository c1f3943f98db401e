import type { EvidenceRef, Finding } from '../report/report-model.ts';

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

/**
 * One finding over every attempt: pass when each `holds`, else fail citing those that do not;
 * inconclusive when nothing was attempted.
 */
export function judgeAttempts(
  requirement: string,
  attempts: readonly SecurityAttempt[],
  holds: (attempt: SecurityAttempt) => boolean,
  say: {
    readonly pass: (all: readonly SecurityAttempt[]) => string;
    readonly fail: (one: SecurityAttempt) => string;
  },
): Finding {
  if (attempts.length === 0)
    return { requirement, verdict: 'inconclusive', message: 'no attempt was made', evidence: [] };
  const broken = attempts.filter((a) => !holds(a));
  return broken.length === 0
    ? { requirement, verdict: 'pass', message: say.pass(attempts), evidence: attempts.map((a) => a.ref) }
    : {
        requirement,
        verdict: 'fail',
        message: broken.map(say.fail).join('; '),
        evidence: broken.map((a) => a.ref),
      };
}
