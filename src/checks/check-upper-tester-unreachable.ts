import { defineCheck } from './define-check.ts';
import { describeAttempt, judgeAttempts, type SecurityAttempt } from './security-attempt.ts';

/**
 * GEN-SEC-012: in the production profile nothing under /conformance/ is served: every attempt,
 * by a caller with a valid certificate, is answered 404 (or refused before any answer).
 */
export const upperTesterUnreachable = defineCheck<readonly SecurityAttempt[]>({
  name: 'upper-tester-unreachable',
  requirements: ['GEN-SEC-012'],
  judge: (attempts) =>
    judgeAttempts('GEN-SEC-012', attempts, (a) => a.status === null || a.status === 404, {
      pass: (all) => `not served: ${all.map((a) => `${a.what} ${describeAttempt(a)}`).join('; ')}`,
      fail: (a) => `${a.what}: ${describeAttempt(a)} (expected 404)`,
    }),
});
