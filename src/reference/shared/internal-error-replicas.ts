/**
 * The mutants of GEN-ERR-003 every role has, as data its `replicas.ts` spreads in: how the shared
 * app answers a failure inside a handler (the `internalErrors` seam). The internal-failure profile
 * provokes one through the upper tester's fault hook and must fail them.
 */
export type InternalErrorDefect = 'stack' | 'unavailable';

const DESCRIPTIONS: Readonly<Record<InternalErrorDefect, string>> = {
  stack:
    "An internal failure is answered 500 internal with the error's stack in detail: the message names a source file, the query that failed and the SQLite version, and the stack names every file on the way.",
  unavailable:
    'An internal failure is answered 503 unavailable with Retry-After, as if it were a passing overload: the caller is told to try again instead of learning that the request failed inside the implementation.',
};

/** The replica `<prefix>-internal-error-<defect>` without its role and seams. */
export function internalErrorReplica(prefix: string, defect: InternalErrorDefect) {
  return {
    name: `${prefix}-internal-error-${defect}`,
    kind: 'mutant' as const,
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-ERR-003'],
    description: DESCRIPTIONS[defect],
  };
}
