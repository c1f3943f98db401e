import { describe, expect, test } from 'vitest';
import { type StartWithout, startRefused } from './check-start-refused.ts';
import { applyCheck } from './define-check.ts';

const start = (over: Partial<StartWithout> = {}): StartWithout => ({
  missing: 'TEKIGO_TLS_KEY (its private key)',
  started: false,
  refusal: 'exited with code 2',
  healthStatus: null,
  ref: { ledger: 'suite', seq: 1 },
  ...over,
});

describe('startRefused (GEN-SEC-009)', () => {
  test('passes a target that exits, or starts and answers nothing, without its material', () => {
    const [finding] = applyCheck(startRefused, [
      start(),
      start({ missing: 'TEKIGO_TLS_CA (its trust anchor)', started: true, refusal: null }),
    ]);
    expect(finding).toMatchObject({ verdict: 'pass', check: 'start-refused-without-material' });
    expect(finding?.message).toMatch(/did not start \(exited with code 2\).*started but answered nothing/);
  });

  test('fails a target that answers over TLS with credentials it was not given, whatever the status', () => {
    const [finding] = applyCheck(startRefused, [
      start(),
      start({ started: true, refusal: null, healthStatus: 403 }),
    ]);
    expect(finding?.verdict).toBe('fail');
    expect(finding?.message).toMatch(
      /started without TEKIGO_TLS_KEY \(its private key\), it answered GET \/health 403/,
    );
  });

  test('is inconclusive when no start was tried', () => {
    expect(applyCheck(startRefused, [])[0]?.verdict).toBe('inconclusive');
  });
});
