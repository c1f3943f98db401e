import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';

/** One of many requests sent at once: the data that is its own, and what its answer carried. */
export interface ConcurrentAnswer {
  /** The exchange that carried the request and its answer. */
  readonly refs: readonly EvidenceRef[];
  /** The request's own data as the suite knows it (a serial and the status it had alone, a batchId). */
  readonly own: string;
  /**
   * The same data as the answer carried it; null when the answer carried none: no answer within
   * the client's timeout, a broken connection, or an answer other than the one that carries data.
   */
  readonly carried: string | null;
}

export interface ConcurrentAnswers {
  /** What was sent at once, for the finding: `certificate-status requests`. */
  readonly what: string;
  readonly answers: readonly ConcurrentAnswer[];
}

/**
 * GEN-TMO-005: every answer given while many requests are in flight carries only its own
 * request's data. An answer that carries no data (a timeout, a refusal, a reset connection on a
 * starved host) holds nobody else's data either: it is counted aside, never as a crossed answer.
 * Nothing carrying data at all is `inconclusive`.
 */
export const concurrentOwnData = defineCheck<ConcurrentAnswers>({
  name: 'concurrent-own-data',
  requirements: ['GEN-TMO-005'],
  judge({ what, answers }): Finding {
    const carrying = answers.filter((a) => a.carried !== null);
    const crossed = carrying.filter((a) => a.carried !== a.own);
    const empty = answers.length - carrying.length;
    const aside = empty > 0 ? `; ${empty} got no answer carrying data (not judged)` : '';
    if (carrying.length === 0)
      return {
        requirement: 'GEN-TMO-005',
        verdict: 'inconclusive',
        message: `none of ${answers.length} concurrent ${what} got an answer carrying data`,
        evidence: answers.flatMap((a) => a.refs),
      };
    return crossed.length === 0
      ? {
          requirement: 'GEN-TMO-005',
          verdict: 'pass',
          message: `${carrying.length} of ${answers.length} concurrent ${what} were answered with their own data${aside}`,
          evidence: carrying.flatMap((a) => a.refs),
        }
      : {
          requirement: 'GEN-TMO-005',
          verdict: 'fail',
          message: `${crossed.length} of ${carrying.length} concurrent ${what} were answered with another request's data: ${crossed
            .slice(0, 3)
            .map((a) => `${a.own} got ${a.carried}`)
            .join('; ')}`,
          evidence: crossed.slice(0, 5).flatMap((a) => a.refs),
        };
  },
});
