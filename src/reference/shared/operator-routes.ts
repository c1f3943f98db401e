import { problem } from '../../spec/problem-types.ts';
import { jsonReply, problemReply, type Reply, type Route } from './http-app.ts';

/** The `/health` answer every reference gives: its role, its implementation and the time. */
export function healthReply(
  role: string,
  implementation: { readonly name: string; readonly version: string },
  status: 'up' | 'degraded' = 'up',
): Reply {
  return jsonReply(200, { status, role, implementation, time: new Date().toISOString() });
}

const NOT_TEST_MODE = problemReply(
  problem('not-test-mode', {
    detail: 'the upper tester is served only when the implementation runs with --test-mode',
  }),
);

/**
 * The upper-tester routes in test mode; otherwise every `/conformance/*` path answers 404
 * `not-test-mode` and does nothing (GEN-UT-002).
 */
export function upperTesterRoutes(routes: readonly Route[], testMode: boolean): Route[] {
  return testMode
    ? [...routes]
    : (['GET', 'PUT', 'POST', 'DELETE'] as const).map(
        (method): Route => ({ method, path: '/conformance/*', handle: () => NOT_TEST_MODE }),
      );
}
