import { loadSpec } from '../spec/load-spec.ts';
import type { ValidationOutcome } from './ledger-entry.ts';

/** Validates a value against a message type (`<interface>/<message>`, e.g. `common/problem`). */
export type Validate = (messageType: string, value: unknown) => ValidationOutcome;

/** How a caller names the message type it expects back: one for every 2xx, or one per status. */
export type ResponseTypeSpec = string | ((status: number) => string | null);

export const PROBLEM_MESSAGE_TYPE = 'common/problem';

/**
 * Which message type a response body must satisfy: every problem+json body is a
 * `common/problem` whatever the caller expected; a per-status function decides the rest; a
 * plain message type applies to 2xx answers only.
 */
export function responseMessageType(
  status: number,
  contentType: string | null | undefined,
  expected: ResponseTypeSpec | undefined,
): string | null {
  if (contentType && /^application\/problem\+json\s*(?:;|$)/i.test(contentType)) return PROBLEM_MESSAGE_TYPE;
  if (typeof expected === 'function') return expected(status);
  if (expected !== undefined && status >= 200 && status < 300) return expected;
  return null;
}

/** The validator of the protocol in `specs/` (loaded and compiled once per process). */
export async function specValidator(): Promise<Validate> {
  return (await loadSpec()).validate;
}
