import { createHash } from 'node:crypto';

/**
 * The reconciliation digest both sides of an interface compute over the record ids they count
 * as accepted: lowercase hex SHA-256 of the ids sorted ascending, each followed by "\n". Order
 * and repetition of the input do not matter, so sender and receiver agree whenever their sets do.
 */
export function acceptedDigest(recordIds: Iterable<string>): string {
  const sorted = [...new Set(recordIds)].sort(compareCodeUnits);
  const hash = createHash('sha256');
  for (const id of sorted) hash.update(`${id}\n`, 'utf8');
  return hash.digest('hex');
}

/** The reconciliation day of a record: the calendar date of `recordedAt` in Japan time (UTC+09:00). */
export function jstDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`jstDate: ${JSON.stringify(iso)} is not an RFC 3339 date-time`);
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * The reconciliation day to ask about records stamped `iso` (their recordedAt, or a notice's
 * sentAt): the day they belong to, so that a run crossing midnight in Japan time still finds
 * them. An absent or unreadable stamp gives the day of `now`.
 */
export function reconciliationDay(iso: string | undefined, now: Date = new Date()): string {
  return iso !== undefined && !Number.isNaN(Date.parse(iso)) ? jstDate(iso) : jstDate(now.toISOString());
}

// Locale-independent ordering, the same in every implementation language (UTF-16 code units).
const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
