// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { InterfaceName, Party, ReconciliationCounts, Role, Timestamp } from './common.generated.ts'

/**
 * Sent by any role as the 200 answer to GET /reconciliation?date=YYYY-MM-DD&peer=<party>: for one reconciliation day (Japan time) and one peer, the counts and the digest of accepted recordIds per interface and direction, so that both sides can prove they agree.
 */
export interface ReconciliationReport {
role: Role
peer: Party
/**
 * The reconciliation day: records whose recordedAt falls on this date in Japan time (UTC+09:00). RFC 3339 full-date;the format date is an assertion (specs/README.md, Validation rules).
 */
date: string
generatedAt: Timestamp
entries: ReconciliationEntry[]
}
/**
 * The counts for one interface in one direction, as seen by the reporting role.
 */
export interface ReconciliationEntry {
interface: InterfaceName
/**
 * outbound: the reporting role sent these records; inbound: it received them.
 */
direction: ("outbound" | "inbound")
counts: ReconciliationCounts
/**
 * Lowercase hex SHA-256 of the accepted recordIds sorted ascending, each followed by a line feed (the empty set gives the digest of the empty string).
 */
acceptedDigest: string
}
