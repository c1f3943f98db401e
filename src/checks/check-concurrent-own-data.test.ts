import { describe, expect, test } from 'vitest';
import { type ConcurrentAnswer, concurrentOwnData } from './check-concurrent-own-data.ts';
import { applyCheck } from './define-check.ts';

let seq = 0;
const answer = (own: string, carried: string | null): ConcurrentAnswer => ({
  refs: [{ ledger: 'suite', seq: ++seq }],
  own,
  carried,
});
const judge = (answers: ConcurrentAnswer[]) =>
  applyCheck(concurrentOwnData, { what: 'certificate-status requests', answers });

describe('concurrentOwnData', () => {
  test('passes answers that each carry their own data', () => {
    const [finding] = judge([answer('A good', 'A good'), answer('B revoked', 'B revoked')]);
    expect(finding?.verdict).toBe('pass');
    expect(finding?.check).toBe('concurrent-own-data');
  });

  test("fails an answer carrying another request's serial or status", () => {
    const [crossed] = judge([answer('A good', 'B revoked'), answer('B revoked', 'B revoked')]);
    expect(crossed?.verdict).toBe('fail');
    expect(crossed?.message).toContain('A good got B revoked');
    const [status] = judge([answer('A revoked', 'A good')]);
    expect(status?.verdict).toBe('fail');
  });

  test('counts a timeout or refusal aside: it carries nobody else’s data', () => {
    const [finding] = judge([answer('A good', null), answer('B revoked', 'B revoked')]);
    expect(finding?.verdict).toBe('pass');
    expect(finding?.message).toContain('1 got no answer carrying data');
    const [crossed] = judge([answer('A good', null), answer('B revoked', 'A good')]);
    expect(crossed?.verdict).toBe('fail');
  });

  test('is inconclusive when no answer carried data', () => {
    const [finding] = judge([answer('A good', null), answer('B good', null)]);
    expect(finding?.verdict).toBe('inconclusive');
  });
});
