import type { Finding } from '../report/report-model.ts';
import { problemTypeUri } from '../spec/problem-types.ts';
import { type IssuedAnswer, summarize } from './check-documents-own.ts';
import { defineCheck } from './define-check.ts';

export interface OverloadInput {
  /** Every request sent while all of them were held in progress. */
  readonly answers: readonly IssuedAnswer[];
  /** The declared maxConcurrentRequests. */
  readonly maxConcurrent: number;
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
 * GEN-TMO-006: with more requests in progress than the declared maxConcurrentRequests, at least
 * the excess is refused 503/429 `overloaded` with Retry-After, and no other answer is anything
 * but a document or a problem (the documents themselves are judged by `documents-own`).
 */
export const overloadRefused = defineCheck<OverloadInput>({
  name: 'overload-refused',
  requirements: ['GEN-TMO-006'],
  judge({ answers, maxConcurrent }): Finding[] {
    const excess = Math.max(0, answers.length - maxConcurrent);
    const refused = answers.filter(isOverloadRefusal);
    const findings: Finding[] = [
      summarize(
        'GEN-TMO-006',
        answers.map((answer) => ({
          answer,
          why:
            answer.status === 200 || isOverloadRefusal(answer) || answer.status === 504
              ? undefined
              : `answered ${answer.status ?? 'nothing'}, neither a document nor a 503/429 overloaded with Retry-After`,
        })),
        'answers under overload, each a document, a timeout or a 503/429 overloaded with Retry-After',
      ),
    ];
    findings.push({
      requirement: 'GEN-TMO-006',
      verdict: refused.length >= excess ? 'pass' : 'fail',
      message: `${answers.length} requests held in progress at once against a declared maximum of ${maxConcurrent}: ${refused.length} refused overloaded, at least ${excess} expected`,
      evidence: answers.flatMap((a) => a.evidence),
    });
    return findings;
  },
});
