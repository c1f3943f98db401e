/**
 * Retry timing for senders. The declared jitter kind fixes the lower bound of every wait, and
 * that bound is what a checker may rely on: with `equal` jitter no retry comes sooner than half
 * the exponential base, with `full` jitter it may come at once.
 */
export type Jitter = 'equal' | 'full';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly multiplier: number;
  readonly jitter: Jitter;
}

/** The share of the exponential base that is always waited. */
const JITTER_FLOOR: Readonly<Record<Jitter, number>> = { equal: 0.5, full: 0 };

export const SUPPORTED_JITTER = Object.keys(JITTER_FLOOR) as readonly Jitter[];

/** The capped exponential base before retry number `failedAttempts` (1 after the first failure). */
export function backoffBaseMs(policy: RetryPolicy, failedAttempts: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * policy.multiplier ** exponent);
}

/** The interval the jittered wait falls in. */
export function backoffBoundsMs(
  policy: RetryPolicy,
  failedAttempts: number,
): { minMs: number; maxMs: number } {
  const base = backoffBaseMs(policy, failedAttempts);
  return { minMs: base * JITTER_FLOOR[policy.jitter], maxMs: base };
}

/** A jittered wait; rounded up so that it never falls below the lower bound. */
export function backoffDelayMs(
  policy: RetryPolicy,
  failedAttempts: number,
  random: () => number = Math.random,
): number {
  const { minMs, maxMs } = backoffBoundsMs(policy, failedAttempts);
  return Math.ceil(minMs + random() * (maxMs - minMs));
}

/**
 * A `Retry-After` value (delay-seconds or HTTP-date, RFC 9110 §10.2.3) as a delay from `nowMs`;
 * undefined when absent or unreadable, 0 when the date has passed.
 */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^[0-9]+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only strings that look like an HTTP-date: Date.parse alone reads "7" or "1.5" as years.
  if (!/GMT$/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The wait before the next attempt: the jittered backoff, and never less than `Retry-After`. */
export function retryDelayMs(
  policy: RetryPolicy,
  failedAttempts: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  return Math.max(backoffDelayMs(policy, failedAttempts, random), retryAfterMs ?? 0);
}
