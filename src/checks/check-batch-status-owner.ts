import type { Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';
import { describeAttempt, type SecurityAttempt } from './security-attempt.ts';

/** A card batch's status asked for by the municipality that submitted it and by another one. */
export interface BatchStatusReads {
  readonly owner: SecurityAttempt;
  readonly other: SecurityAttempt;
}

/**
 * NC-CARD-008: a card batch's status is answered only to the municipality that submitted it; any
 * other is refused 403 or 404. The owner's 200 shows the refusal is about the caller, not the
 * batch; without it nothing can be concluded.
 */
export const checkBatchStatusOwner = defineCheck<BatchStatusReads>({
  name: 'batch-status-owner',
  requirements: ['NC-CARD-008'],
  reads: ({ owner, other }) => [owner.ref, other.ref],
  judge({ owner, other }): Finding {
    const evidence = [owner.ref, other.ref];
    const said = `${owner.what} ${describeAttempt(owner)}; ${other.what} ${describeAttempt(other)}`;
    if (owner.status !== 200)
      return {
        requirement: 'NC-CARD-008',
        verdict: 'inconclusive',
        message: `${said} (the owner must read it first)`,
        evidence,
      };
    const refused = other.status === 403 || other.status === 404;
    return {
      requirement: 'NC-CARD-008',
      verdict: refused ? 'pass' : 'fail',
      message: refused ? said : `${said} (expected 403 or 404)`,
      evidence,
    };
  },
});
