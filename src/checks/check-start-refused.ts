import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';

/** One start of the target in the production profile with part of its TLS material left out. */
export interface StartWithout {
  /** What was left out, e.g. `TEKIGO_TLS_KEY (its private key)`. */
  readonly missing: string;
  /** Whether the start completed (the target said it was ready); false with `refusal` when it did not. */
  readonly started: boolean;
  /** How the start ended when it did not complete: the exit, or the wait given up. */
  readonly refusal: string | null;
  /** The status of GET /health over TLS to the instance, null when nothing answered or it never started. */
  readonly healthStatus: number | null;
  readonly ref: EvidenceRef;
}

/**
 * GEN-SEC-009: started in the production profile without its private key or its trust anchor, a
 * role does not serve: it exits, or never completes a TLS connection, or never answers. An HTTP
 * answer of any status over TLS means it found credentials it was not given (built-in, default
 * or made up at start) and serves with them.
 */
export const startRefused = defineCheck<readonly StartWithout[]>({
  name: 'start-refused-without-material',
  requirements: ['GEN-SEC-009'],
  judge(starts): Finding {
    const evidence = starts.map((s) => s.ref);
    if (starts.length === 0)
      return { requirement: 'GEN-SEC-009', verdict: 'inconclusive', message: 'no start was tried', evidence };
    const served = starts.filter((s) => s.healthStatus !== null);
    if (served.length > 0)
      return {
        requirement: 'GEN-SEC-009',
        verdict: 'fail',
        message: served
          .map((s) => `started without ${s.missing}, it answered GET /health ${s.healthStatus} over TLS`)
          .join('; '),
        evidence,
      };
    return {
      requirement: 'GEN-SEC-009',
      verdict: 'pass',
      message: starts
        .map((s) =>
          s.started
            ? `without ${s.missing} it started but answered nothing over TLS`
            : `without ${s.missing} it did not start (${s.refusal ?? 'no reason given'})`,
        )
        .join('; '),
      evidence,
    };
  },
});
