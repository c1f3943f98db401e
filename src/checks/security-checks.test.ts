import { describe, expect, test } from 'vitest';
import { forbiddenJurisdiction, forbiddenNonKiosk, forbiddenRole } from './check-forbidden-refusal.ts';
import { peerRefused } from './check-peer-refused.ts';
import { upperTesterUnreachable } from './check-upper-tester-unreachable.ts';
import { applyCheck } from './define-check.ts';
import type { SecurityAttempt } from './security-attempt.ts';

const attempt = (over: Partial<SecurityAttempt>): SecurityAttempt => ({
  what: 'no client certificate',
  outcome: 'network-error',
  status: null,
  problemType: null,
  ref: { ledger: 'suite', seq: 3 },
  ...over,
});
const verdicts = (findings: readonly { verdict: string }[]) => findings.map((f) => f.verdict);

describe('peerRefused (GEN-SEC-001)', () => {
  test('passes callers refused in the handshake', () => {
    expect(
      verdicts(applyCheck(peerRefused, [attempt({}), attempt({ what: 'an expired certificate' })])),
    ).toEqual(['pass']);
  });
  test('fails a caller that got an HTTP answer, even a 403', () => {
    const [finding] = applyCheck(peerRefused, [attempt({}), attempt({ status: 403, outcome: 'answered' })]);
    expect(finding).toMatchObject({ verdict: 'fail', check: 'peer-refused-in-handshake' });
    expect(finding?.message).toMatch(/answered 403, not refused in the TLS handshake/);
  });
});

describe('forbiddenRefusal (GEN-SEC-002/003/004)', () => {
  const forbidden = {
    outcome: 'answered' as const,
    status: 403,
    problemType: 'urn:tekigo:problem:forbidden',
  };
  test('passes a 403 forbidden problem on each declared requirement', () => {
    const findings = applyCheck(forbiddenRole, attempt(forbidden));
    expect(findings.map((f) => [f.requirement, f.verdict])).toEqual([
      ['GEN-SEC-002', 'pass'],
      ['GEN-SEC-003', 'pass'],
    ]);
  });
  test('judges ISS-SEC-001 alike: 403 forbidden passes, an accepted request fails', () => {
    expect(verdicts(applyCheck(forbiddenNonKiosk, attempt(forbidden)))).toEqual(['pass']);
    expect(
      verdicts(
        applyCheck(forbiddenNonKiosk, attempt({ outcome: 'answered', status: 202, problemType: null })),
      ),
    ).toEqual(['fail']);
  });
  test('fails any other answer', () => {
    const findings = applyCheck(
      forbiddenJurisdiction,
      attempt({ outcome: 'answered', status: 400, problemType: 'urn:tekigo:problem:validation' }),
    );
    expect(verdicts(findings)).toEqual(['fail']);
  });
});

describe('upperTesterUnreachable (GEN-SEC-012)', () => {
  test('passes 404 answers', () => {
    expect(
      verdicts(applyCheck(upperTesterUnreachable, [attempt({ outcome: 'answered', status: 404 })])),
    ).toEqual(['pass']);
  });
  test('fails a served upper tester', () => {
    expect(
      verdicts(applyCheck(upperTesterUnreachable, [attempt({ outcome: 'answered', status: 200 })])),
    ).toEqual(['fail']);
  });
});
