import { randomUUID } from 'node:crypto';

/**
 * The X-Correlation-Id every request carries and every answer echoes: 1–64 of
 * `[A-Za-z0-9._-]` (`specs/README.md`, and the `correlationId` pattern of
 * `specs/schemas/common/problem.json`, which `correlation-id.test.ts` compares with this).
 */
export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export const CORRELATION_ID_HEADER = 'x-correlation-id';

export function isCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && CORRELATION_ID_PATTERN.test(value);
}

/** The offered correlation id when it is usable, else a fresh one (what a server answers with). */
export function correlationIdOr(offered: unknown): string {
  return isCorrelationId(offered) ? offered : randomUUID();
}
