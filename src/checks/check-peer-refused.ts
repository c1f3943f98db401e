import { defineCheck } from './define-check.ts';
import { describeAttempt, judgeAttempts, type SecurityAttempt } from './security-attempt.ts';

/**
 * GEN-SEC-001: a caller without a client certificate, with one from an untrusted issuer, or with
 * an expired one is refused during the TLS handshake: the connection ends with no HTTP answer
 * (specs/README.md "Production profile"). Any HTTP answer, even 401 or 403, means the
 * connection was accepted.
 */
export const peerRefused = defineCheck<readonly SecurityAttempt[]>({
  name: 'peer-refused-in-handshake',
  requirements: ['GEN-SEC-001'],
  judge: (attempts) =>
    judgeAttempts('GEN-SEC-001', attempts, (a) => a.status === null && a.outcome === 'network-error', {
      pass: (all) => `refused in the handshake: ${all.map((a) => a.what).join(', ')}`,
      fail: (a) => `${a.what}: ${describeAttempt(a)}, not refused in the TLS handshake`,
    }),
});
