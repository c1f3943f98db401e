import type { Finding } from '../report/report-model.ts';
import { problemTypeUri } from '../spec/problem-types.ts';
import { type IssuedAnswer, summarize } from './check-documents-own.ts';
import { defineCheck } from './define-check.ts';

export interface OverloadInput {
  /** Every request sent while all of them were held in progress. */
  readonly answers: readonly IssuedAnswer[];
  /** The declared maxConcurrentRequests. */
  readonly maxConcurrent: number;
  /**
   * How many requests were unanswered at once while every print was held: the moment every
   * request had either submitted its print job or been answered.
   */
  readonly unansweredAtOnce: number;
}

/** A refusal for load: 503 (or 429) `overloaded` with a Retry-After header. */
export function isOverloadRefusal(answer: IssuedAnswer): boolean {
  return (
    (answer.status === 503 || answer.status === 429) &&
    (answer.body as { type?: unknown } | null)?.type === problemTypeUri('overloaded') &&
    answer.headers['retry-after'] !== undefined
  );
}

/**
 * GEN-TMO-006: with more requests sent at once than the declared maxConcurrentRequests, at least
 * the excess is refused 503/429 `overloaded` with Retry-After; a service that instead held more
 * than the maximum in progress at once fails. Every `overloaded` refusal is a 503/429 with
 * Retry-After (the documents answered meanwhile are judged by `documents-own`).
 */
export const overloadRefused = defineCheck<OverloadInput>({
  name: 'overload-refused',
  requirements: ['GEN-TMO-006'],
  judge({ answers, maxConcurrent, unansweredAtOnce }): Finding[] {
    const excess = Math.max(0, answers.length - maxConcurrent);
    const refused = answers.filter(isOverloadRefusal);
    const refusals = answers.filter(
      (a) => (a.body as { type?: unknown } | null)?.type === problemTypeUri('overloaded'),
    );
    const findings: Finding[] = [];
    if (refusals.length > 0)
      findings.push(
        summarize(
          'GEN-TMO-006',
          refusals.map((answer) => ({
            answer,
            why: isOverloadRefusal(answer)
              ? undefined
              : 'refused without a problem of type overloaded and a Retry-After header',
          })),
          'refusals under load, each 503/429 overloaded with Retry-After',
        ),
      );
    const evidence = answers.flatMap((a) => a.evidence);
    const held = `${answers.length} requests sent at once against a declared maximum of ${maxConcurrent}: ${unansweredAtOnce} in progress at once, ${refused.length} refused overloaded`;
    if (refused.length >= excess)
      findings.push({
        requirement: 'GEN-TMO-006',
        verdict: 'pass',
        message: `${held}, at least ${excess} expected`,
        evidence,
      });
    else if (unansweredAtOnce > maxConcurrent)
      findings.push({
        requirement: 'GEN-TMO-006',
        verdict: 'fail',
        message: `${held}: more requests were served at once than declared, instead of the excess being refused`,
        evidence,
      });
    else
      findings.push({
        requirement: 'GEN-TMO-006',
        verdict: 'inconclusive',
        message: `${held}: the requests never exceeded the maximum at once (the first ended before the last arrived)`,
        evidence,
      });
    return findings;
  },
});
