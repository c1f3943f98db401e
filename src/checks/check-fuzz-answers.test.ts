import { describe, expect, test } from 'vitest';
import { type FuzzAnswer, fuzzAnswers } from './check-fuzz-answers.ts';
import { applyCheck } from './define-check.ts';

const answer = (kind: FuzzAnswer['kind'], status: number | null, seq: number): FuzzAnswer => ({
  kind,
  status,
  problemType: status === 400 ? 'urn:tekigo:problem:validation' : null,
  changes: [`/records/0/reason = "x${seq}"`],
  evidence: [{ ledger: 'suite', seq }],
});
const judge = (cases: FuzzAnswer[]) =>
  Object.fromEntries(
    applyCheck(fuzzAnswers, { interface: 'revocation-requests', seed: 42, cases }).map((f) => [
      f.requirement,
      f,
    ]),
  );

describe('fuzzAnswers', () => {
  test('passes valid cases accepted, invalid ones refused 400 and text-rule ones answered below 500', () => {
    const found = judge([answer('valid', 200, 1), answer('invalid', 400, 2), answer('text', 400, 3)]);
    expect(found['GEN-VAL-014']).toMatchObject({ verdict: 'pass', check: 'fuzz-answers' });
    expect(found['GEN-VAL-001']?.verdict).toBe('pass');
    expect(found['GEN-VAL-014']?.message).toContain('seed 42');
  });

  test('fails a 500, no answer, or a valid case refused 400, citing the case', () => {
    for (const bad of [answer('text', 500, 9), answer('invalid', null, 9), answer('valid', 400, 9)]) {
      const found = judge([answer('valid', 200, 1), bad]);
      expect(found['GEN-VAL-014']?.verdict).toBe('fail');
      expect(found['GEN-VAL-014']?.evidence).toEqual([{ ledger: 'suite', seq: 9 }]);
    }
  });

  test('fails a schema-invalid case accepted, and lets a 503 pass', () => {
    const found = judge([answer('invalid', 200, 4), answer('valid', 503, 5)]);
    expect(found['GEN-VAL-001']?.verdict).toBe('fail');
    expect(found['GEN-VAL-014']?.verdict).toBe('pass');
  });
});
