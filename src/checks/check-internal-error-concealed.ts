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

/**
 * GEN-ERR-003: a 500 with a body is of type internal and reveals no stack trace, file path,
 * query or library version. Other answers give no finding.
 */
export const internalErrorConcealed = defineCheck<ProblemAnswer>({
  name: 'internal-error-concealed',
  requirements: ['GEN-ERR-003'],
  judge(answer): Finding[] {
    const problem = problemOf(answer);
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
