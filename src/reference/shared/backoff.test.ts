import { describe, expect, it } from 'vitest';
import {
  backoffBoundsMs,
  backoffDelayMs,
  parseRetryAfterMs,
  type RetryPolicy,
  retryDelayMs,
} from './backoff.ts';

const policy: RetryPolicy = {
  maxAttempts: 6,
  initialBackoffMs: 100,
  maxBackoffMs: 1000,
  multiplier: 2,
  jitter: 'equal',
};

describe('backoff', () => {
  it('grows exponentially from the initial backoff and is capped at maxBackoffMs', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => backoffBoundsMs(policy, n).maxMs)).toEqual([
      100, 200, 400, 800, 1000, 1000, 1000,
    ]);
  });

  it('with equal jitter never waits less than half the base, nor more than the base', () => {
    expect(backoffBoundsMs(policy, 3)).toEqual({ minMs: 200, maxMs: 400 });
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(200);
    expect(backoffDelayMs(policy, 3, () => 0.999_999)).toBe(400);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelayMs(policy, 5);
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(1000);
    }
  });

  it('with full jitter may retry at once', () => {
    expect(backoffBoundsMs({ ...policy, jitter: 'full' }, 2)).toEqual({ minMs: 0, maxMs: 200 });
  });

  it('never retries before Retry-After, even when the backoff is shorter', () => {
    expect(retryDelayMs(policy, 1, 1000, () => 0)).toBe(1000);
    expect(retryDelayMs(policy, 5, 10, () => 0)).toBe(500);
    expect(retryDelayMs(policy, 1, undefined, () => 0)).toBe(50);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-11-23T03:00:00.000Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfterMs('1', now)).toBe(1000);
    expect(parseRetryAfterMs(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfterMs('0', now)).toBe(0);
  });

  it('reads an HTTP-date as the time left until then, 0 once it has passed', () => {
    expect(parseRetryAfterMs('Mon, 23 Nov 2026 03:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfterMs(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
    expect(parseRetryAfterMs('Mon, 23 Nov 2026 02:59:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    for (const value of [null, undefined, '', 'soon', '1.5', '-1', 'Mon, 99 Foo 2026 GMT'])
      expect(parseRetryAfterMs(value, now)).toBeUndefined();
  });
});
