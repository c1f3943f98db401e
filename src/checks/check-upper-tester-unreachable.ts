import { defineCheck } from './define-check.ts';
import { describeAttempt, type SecurityAttempt } from './security-attempt.ts';

/**
 * GEN-SEC-012: in the production profile nothing under /conformance/ is served: every attempt,
 * by a caller with a valid certificate, is answered 404 (or refused before any answer).
 */
export const upperTesterUnreachable = defineCheck<readonly SecurityAttempt[]>({
  name: 'upper-tester-unreachable',
  requirements: ['GEN-SEC-012'],
  judge(attempts) {
    const served = attempts.filter((a) => a.status !== null && a.status !== 404);
    if (attempts.length === 0)
      return {
        requirement: 'GEN-SEC-012',
        verdict: 'inconclusive',
        message: 'no attempt was made',
        evidence: [],
      };
    return served.length === 0
      ? {
          requirement: 'GEN-SEC-012',
          verdict: 'pass',
          message: `not served: ${attempts.map((a) => `${a.what} ${describeAttempt(a)}`).join('; ')}`,
          evidence: attempts.map((a) => a.ref),
        }
      : {
          requirement: 'GEN-SEC-012',
          verdict: 'fail',
          message: served.map((a) => `${a.what}: ${describeAttempt(a)} (expected 404)`).join('; '),
          evidence: served.map((a) => a.ref),
        };
  },
});
