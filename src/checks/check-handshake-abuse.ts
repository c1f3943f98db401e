import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';
import { against, type Scheduled, upperBound } from './scheduling-allowance.ts';

/** How many failures a finding's message spells out; the rest are counted. */
const SHOWN = 3;

/** A connection whose TLS handshake the suite stalled or spoiled, which the target must close. */
export interface AbusedHandshake {
  /** What was sent, e.g. `half a ClientHello, then silence`. */
  readonly what: string;
  /** Milliseconds from opening until the target closed it; null while it was still open. */
  readonly closedAfterMs: number | null;
  /** How long it had been open when the suite stopped waiting (its close or the end of the wait). */
  readonly openForMs: number;
  readonly ref: EvidenceRef;
}

/** An answer a properly authenticated client got while, or after, handshakes were abused. */
export interface ServedAnswer {
  readonly what: string;
  readonly outcome: string;
  readonly status: number | null;
  readonly expected: number;
  readonly ref: EvidenceRef;
}

export interface HandshakeAbuse extends Scheduled {
  /** The deadline from acceptance (GEN-TMO-001's 10 s, specs/README.md d-handshake-deadline). */
  readonly deadlineMs: number;
  /** Fixed slack for connection set-up on the suite's side. */
  readonly toleranceMs: number;
  readonly abused: readonly AbusedHandshake[];
  readonly served: readonly ServedAnswer[];
}

/**
 * A role releases what a stalled or aborted TLS handshake holds and keeps serving (GEN-TMO-004,
 * RLY-TMO-002): every abused connection is closed by the target within the deadline from its
 * acceptance (plus the tolerance and the measured harness delay), and every answer a properly
 * authenticated client asked for meanwhile and afterwards came with its expected status. A
 * connection still open before the limit is reached leaves the check inconclusive, never passed.
 */
export function handshakeAbuseCheck(requirement: string) {
  return defineCheck<HandshakeAbuse>({
    name: `handshake-abuse:${requirement}`,
    requirements: [requirement],
    timeBound: true,
    judge({ deadlineMs, toleranceMs, abused, served, schedulingDelay }): Finding {
      const bound = upperBound(deadlineMs, toleranceMs, schedulingDelay);
      const evidence = [...abused.map((a) => a.ref), ...served.map((s) => s.ref), ...bound.evidence];
      const refused = served.filter((s) => s.status !== s.expected);
      const late = abused.filter((a) => (a.closedAfterMs ?? a.openForMs) > bound.limitMs);
      const pending = abused.filter((a) => a.closedAfterMs === null && a.openForMs <= bound.limitMs);
      const problems = [
        ...refused.map(
          (s) =>
            `${s.what} was ${s.status === null ? `not answered (${s.outcome})` : `answered ${s.status}`}, not ${s.expected}`,
        ),
        ...late.map((a) =>
          a.closedAfterMs === null
            ? `${a.what}: still open after ${against(a.openForMs, bound)}`
            : `${a.what}: closed only after ${against(a.closedAfterMs, bound)}`,
        ),
      ];
      if (problems.length > 0)
        return {
          requirement,
          verdict: 'fail',
          message: `${problems.slice(0, SHOWN).join('; ')}${problems.length > SHOWN ? `; and ${problems.length - SHOWN} more` : ''}`,
          evidence,
        };
      if (pending.length > 0 || abused.length === 0 || served.length === 0)
        return {
          requirement,
          verdict: 'inconclusive',
          message:
            pending.length > 0
              ? `${pending.map((a) => a.what).join(', ')} still open after ${Math.max(...pending.map((a) => a.openForMs))} ms, before the limit of ${bound.text}`
              : 'no handshake was abused or no answer asked for',
          evidence,
        };
      const slowest = Math.max(...abused.map((a) => a.closedAfterMs ?? 0));
      return {
        requirement,
        verdict: 'pass',
        message: `${abused.length} stalled or spoiled handshakes closed by the target, the last after ${against(slowest, bound)}; ${served.length} answers to an authenticated client meanwhile and after, each as expected`,
        evidence,
      };
    },
  });
}
