import type { EvidenceRef } from '../report/report-model.ts';

/**
 * The harness's measured scheduling delay over a test's window so far, as recorded in the suite's
 * ledger (a `scheduling-delay` observation): what a time-bound judgement may add to its upper
 * bound. Checks receive it as input, so `tekigo rejudge` reaches the same verdict.
 */
export interface MeasuredDelay {
  /** Milliseconds to add to an upper bound (the observation's `delayMs`). */
  readonly delayMs: number;
  /** The observation it was read from. */
  readonly evidence: EvidenceRef;
}

/** An input that a time-bound check may widen by the measured delay. */
export interface Scheduled {
  readonly schedulingDelay?: MeasuredDelay;
}

export interface UpperBound {
  /** Declared bound + tolerance + measured delay, ms. */
  readonly limitMs: number;
  /** How the limit is made, for the finding's message: `2000 + 500 + 512 ms (512 ms measured harness delay)`. */
  readonly text: string;
  /** The scheduling observation, to cite beside the exchanges judged. */
  readonly evidence: readonly EvidenceRef[];
}

/**
 * The upper bound a time-bound check judges against: the declared bound, the check's fixed
 * tolerance, and exactly the harness delay measured over the test. Only ever an UPPER bound: "too
 * late" allows for a loaded machine, "too soon" stays strict (lower bounds never use this).
 */
export function upperBound(declaredMs: number, toleranceMs = 0, delay?: MeasuredDelay): UpperBound {
  const measured = Math.max(0, delay?.delayMs ?? 0);
  const parts = [`${declaredMs}`];
  if (toleranceMs > 0) parts.push(`${toleranceMs}`);
  if (delay) parts.push(`${measured}`);
  return {
    limitMs: declaredMs + toleranceMs + measured,
    text: `${parts.join(' + ')} ms${delay ? ` (${measured} ms measured harness delay)` : ''}`,
    evidence: delay ? [delay.evidence] : [],
  };
}

/** `2907 ms ≤ 2000 + 500 + 512 ms (512 ms measured harness delay)`, or `>` when over the bound. */
export function against(elapsedMs: number, bound: UpperBound): string {
  return `${Math.round(elapsedMs)} ms ${elapsedMs <= bound.limitMs ? '≤' : '>'} ${bound.text}`;
}
