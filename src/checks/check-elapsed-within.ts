import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';
import { against, type Scheduled, upperBound } from './scheduling-allowance.ts';

/** One timed thing the suite saw end (or not) and the declared bound it must end within. */
export interface ElapsedWithin extends Scheduled {
  /** What was timed, for the message: `the call to the center was abandoned`. */
  readonly what: string;
  /** How long it took, ms; null when it never ended. */
  readonly elapsedMs: number | null;
  /** The declared bound and its name (`requestTimeoutMs`). */
  readonly boundMs: number;
  readonly boundName: string;
  /** Fixed slack on top of the bound (connection set-up, the suite's own polling). */
  readonly toleranceMs: number;
  /** The exchanges it was timed from. */
  readonly evidence: readonly EvidenceRef[];
}

/**
 * A duration the suite measured is within a declared upper bound, widened by a fixed tolerance and
 * by the harness delay measured over the test, never more.
 */
export function elapsedWithinCheck(requirement: string) {
  return defineCheck<ElapsedWithin>({
    name: `elapsed-within:${requirement}`,
    requirements: [requirement],
    timeBound: true,
    reads: (input) => input.evidence,
    judge({ what, elapsedMs, boundMs, boundName, toleranceMs, evidence, schedulingDelay }): Finding {
      const bound = upperBound(boundMs, toleranceMs, schedulingDelay);
      if (elapsedMs === null)
        return {
          requirement,
          verdict: 'fail',
          message: `${what}: never (${boundName} ${boundMs} ms)`,
          evidence: [...evidence],
        };
      return {
        requirement,
        verdict: elapsedMs <= bound.limitMs ? 'pass' : 'fail',
        message: `${what} after ${against(elapsedMs, bound)} (${boundName} + tolerance)`,
        evidence: [...evidence, ...bound.evidence],
      };
    },
  });
}
