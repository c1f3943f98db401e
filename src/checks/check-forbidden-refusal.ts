import type { Finding } from '../report/report-model.ts';
import { type CheckDefinition, defineCheck } from './define-check.ts';
import { describeAttempt, FORBIDDEN_TYPE, type SecurityAttempt } from './security-attempt.ts';

function forbiddenCheck(name: string, requirements: readonly string[]): CheckDefinition<SecurityAttempt> {
  return defineCheck<SecurityAttempt>({
    name,
    requirements,
    judge(attempt) {
      const refused = attempt.status === 403 && attempt.problemType === FORBIDDEN_TYPE;
      return requirements.map(
        (requirement): Finding => ({
          requirement,
          verdict: refused ? 'pass' : 'fail',
          message: `${attempt.what}: ${describeAttempt(attempt)}${refused ? '' : ` (expected 403 ${FORBIDDEN_TYPE})`}`,
          evidence: [attempt.ref],
        }),
      );
    },
  });
}

/**
 * GEN-SEC-002 and GEN-SEC-003: a caller whose certificate names a role the interface does not
 * allow is answered 403 urn:tekigo:problem:forbidden, whatever role the request itself claims.
 */
export const forbiddenRole = forbiddenCheck('forbidden-role', ['GEN-SEC-002', 'GEN-SEC-003']);

/**
 * GEN-SEC-004: a municipality whose certificate code differs from the message's municipalityCode
 * is answered 403 urn:tekigo:problem:forbidden.
 */
export const forbiddenJurisdiction = forbiddenCheck('forbidden-jurisdiction', ['GEN-SEC-004']);

/**
 * ISS-SEC-001: certificate requests from a certificate that names no kiosk gateway are answered
 * 403 urn:tekigo:problem:forbidden.
 */
export const forbiddenNonKiosk = forbiddenCheck('forbidden-non-kiosk', ['ISS-SEC-001']);

/** The checks of a role's own access rules (`AccessRule.requirements`), by requirement id. */
export const ROLE_RULE_CHECKS: Readonly<Record<string, CheckDefinition<SecurityAttempt>>> = {
  'ISS-SEC-001': forbiddenNonKiosk,
};
