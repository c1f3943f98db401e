import { defineCheck } from './define-check.ts';
import { describeAttempt, type SecurityAttempt } from './security-attempt.ts';

/**
 * GEN-SEC-001: a caller without a client certificate, with one from an untrusted issuer, or with
 * an expired one is refused during the TLS handshake: the connection ends with no HTTP answer
 * (specs/README.md "Production profile"). Any HTTP answer, even 401 or 403, means the
 * connection was accepted.
 */
export const peerRefused = defineCheck<readonly SecurityAttempt[]>({
  name: 'peer-refused-in-handshake',
  requirements: ['GEN-SEC-001'],
  judge(attempts) {
    const accepted = attempts.filter((a) => a.status !== null || a.outcome !== 'network-error');
    if (attempts.length === 0)
      return {
        requirement: 'GEN-SEC-001',
        verdict: 'inconclusive',
        message: 'no attempt was made',
        evidence: [],
      };
    return accepted.length === 0
      ? {
          requirement: 'GEN-SEC-001',
          verdict: 'pass',
          message: `refused in the handshake: ${attempts.map((a) => a.what).join(', ')}`,
          evidence: attempts.map((a) => a.ref),
        }
      : {
          requirement: 'GEN-SEC-001',
          verdict: 'fail',
          message: accepted
            .map((a) => `${a.what}: ${describeAttempt(a)}, not refused in the TLS handshake`)
            .join('; '),
          evidence: accepted.map((a) => a.ref),
        };
  },
});
