import { describe, expect, test } from 'vitest';
import { type OversizedBody, oversizedBodyRefused } from './check-oversized-body-refused.ts';
import { applyCheck } from './define-check.ts';

const MIB = 1024 * 1024;
const refs = [{ ledger: 'suite', seq: 7 }];
const refused = (over: Partial<OversizedBody>): OversizedBody => ({
  refs,
  framing: 'chunked',
  limitBytes: 16 * MIB,
  bodyBytes: 32 * MIB,
  sentBytes: 16 * MIB + 2 * MIB,
  answeredWhileSending: true,
  status: 413,
  problemType: 'urn:tekigo:problem:payload-too-large',
  ...over,
});
function verdictOf(body: OversizedBody) {
  const [finding, ...more] = applyCheck(oversizedBodyRefused, body);
  if (!finding || more.length > 0) throw new Error('the check gives one finding per body');
  return finding;
}

describe('oversizedBodyRefused', () => {
  test('passes a refusal while a body twice the limit is still arriving, naming the check and its evidence', () => {
    const finding = verdictOf(refused({}));
    expect(finding).toMatchObject({ verdict: 'pass', check: 'oversized-body-refused', evidence: refs });
  });

  test('passes a server that answers 413 only once the byte past the limit has arrived', () => {
    // The conformant behaviour CA-V01 once failed: the answer comes right after limit + 1 bytes.
    expect(verdictOf(refused({ sentBytes: 16 * MIB + 1 + 4 * MIB })).verdict).toBe('pass');
  });

  test('does not blame a refusal at the end of a body only one byte past the limit', () => {
    const atTheEnd = refused({
      bodyBytes: 16 * MIB + 1,
      sentBytes: 16 * MIB + 1,
      answeredWhileSending: false,
    });
    expect(verdictOf(atTheEnd).verdict).toBe('inconclusive');
  });

  test('fails a server that reads a body well past the limit to its end before refusing it', () => {
    const buffered = refused({ sentBytes: 32 * MIB, answeredWhileSending: false });
    expect(verdictOf(buffered).verdict).toBe('fail');
  });

  test('fails another status or problem type', () => {
    expect(verdictOf(refused({ status: 400, problemType: 'urn:tekigo:problem:validation' })).verdict).toBe(
      'fail',
    );
    expect(verdictOf(refused({ status: null, problemType: null, answeredWhileSending: false })).verdict).toBe(
      'fail',
    );
  });
});
