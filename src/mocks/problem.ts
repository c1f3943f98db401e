import { PROBLEM_CONTENT_TYPE, type Problem } from '../spec/problem-types.ts';
import { jsonResponse } from './json-response.ts';

/** A problem body (built with `problem()` of `src/spec/problem-types.ts`) as an msw response. */
export function problemResponse(body: Problem, headers: Readonly<Record<string, string>> = {}): Response {
  return jsonResponse(body, {
    status: body.status,
    headers: { ...headers, 'content-type': PROBLEM_CONTENT_TYPE },
  });
}
