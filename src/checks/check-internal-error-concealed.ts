import type { Finding } from '../report/report-model.ts';
import { problemTypeUri } from '../spec/problem-types.ts';
import { type ProblemAnswer, problemOf } from './check-problem-body.ts';
import { defineCheck } from './define-check.ts';

/** What an error body must not reveal about the implementation (GEN-ERR-003). */
export const INTERNALS: readonly [string, RegExp][] = [
  ['a stack trace', /\n\s+at \S|node:internal/],
  ['a file path', /(?:\/[\w.-]+){2,}\.(?:[cm]?js|ts|py|java|go|rb)\b/],
  ['a query', /\b(?:SELECT\s.+\sFROM|INSERT INTO|UPDATE\s+\w+\s+SET|DELETE FROM)\b/],
  ['a library version', /\b\d+\.\d+\.\d+\b/],
];

/** Every string a JSON value holds, at any depth. */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(stringsOf);
}

/** An answer to judge; `provoked` when the request is known to have failed inside the target. */
export interface InternalFailureAnswer extends ProblemAnswer {
  /**
   * The target was made to fail on this request (the upper tester's internalFailure hook): any
   * answer but a 500 of type internal is then a failure, not a silence.
   */
  readonly provoked?: boolean;
}

/**
 * GEN-ERR-003: a 500 with a body is of type internal and reveals no stack trace, file path,
 * query or library version. Other answers give no finding, unless the failure was provoked:
 * then every answer is judged, and one that is not a 500 of type internal fails.
 */
export const internalErrorConcealed = defineCheck<InternalFailureAnswer>({
  name: 'internal-error-concealed',
  requirements: ['GEN-ERR-003'],
  judge(answer): Finding[] {
    const problem = problemOf(answer);
    if (answer.provoked && (answer.status !== 500 || !problem))
      return [
        {
          requirement: 'GEN-ERR-003',
          verdict: 'fail',
          message: `${answer.what}: an internal failure was answered ${answer.status ?? 'with no answer'}${answer.status === 500 ? ' without a problem body' : ''}, not 500 of type internal`,
          evidence: answer.evidence,
        },
      ];
    if (!problem || answer.status !== 500) return [];
    const type = typeof problem.type === 'string' ? problem.type : undefined;
    const text = stringsOf(problem).join('\n');
    const leaks = INTERNALS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
    return [
      {
        requirement: 'GEN-ERR-003',
        verdict: type === problemTypeUri('internal') && leaks.length === 0 ? 'pass' : 'fail',
        message: `${answer.what}: a 500 of type ${type ?? 'missing'}${leaks.length ? ` revealing ${leaks.join(', ')}` : ''}`,
        evidence: answer.evidence,
      },
    ];
  },
});
