import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { PROBLEM_TYPE_URIS } from '../spec/problem-types.ts';
import { defineCheck } from './define-check.ts';

/** An error answer as recorded: what it answered, and where it sits in the evidence. */
export interface ProblemAnswer {
  /** What was sent, in a finding's words, e.g. `GET /no-such-path`. */
  readonly what: string;
  readonly status: number | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly evidence: readonly EvidenceRef[];
}

/** The problem body of an error answer, or undefined when the answer is no error or has no body. */
export function problemOf(
  answer: ProblemAnswer,
): { type?: unknown; status?: unknown; correlationId?: unknown } | undefined {
  if (answer.status === null || answer.status < 400) return undefined;
  return typeof answer.body === 'object' && answer.body !== null ? answer.body : undefined;
}

/**
 * GEN-ERR-002 and GEN-OBS-003: an error answer with a body carries a problem of a type the
 * protocol lists, with the answer's status, and the correlation id of the answer's header.
 * Answers that are no error, or have no body, give no finding.
 */
export const problemBody = defineCheck<ProblemAnswer>({
  name: 'problem-body',
  requirements: ['GEN-ERR-002', 'GEN-OBS-003'],
  judge(answer): Finding[] {
    const problem = problemOf(answer);
    if (!problem) return [];
    const type = typeof problem.type === 'string' ? problem.type : undefined;
    const typed = type !== undefined && PROBLEM_TYPE_URIS.includes(type) && problem.status === answer.status;
    const header = answer.headers['x-correlation-id'];
    const correlated = header !== undefined && problem.correlationId === header;
    return [
      {
        requirement: 'GEN-ERR-002',
        verdict: typed ? 'pass' : 'fail',
        message: `${answer.what}: problem type ${type ?? 'missing'} with status ${JSON.stringify(problem.status ?? null)} in a ${answer.status} response`,
        evidence: answer.evidence,
      },
      {
        requirement: 'GEN-OBS-003',
        verdict: correlated ? 'pass' : 'fail',
        message: `${answer.what}: problem correlationId ${JSON.stringify(problem.correlationId ?? null)}, response X-Correlation-Id ${JSON.stringify(header ?? null)}`,
        evidence: answer.evidence,
      },
    ];
  },
});
