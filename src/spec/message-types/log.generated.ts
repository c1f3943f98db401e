// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { InterfaceName, Party, RecordId, Timestamp } from './common.generated.ts'

/**
 * One line of an implementation's log, as the log contract of specs/README.md (Test mode, launch and logs) defines it: a JSON object on a line of its own, on stdout or in the declared log file; lines that are not JSON objects are allowed and ignored. Every event has time, level and event; an event about a request received or sent carries that request's correlationId (GEN-OBS-005); an event about records carries their recordIds. Open: other members are allowed, but never names, kana, addresses, dates of birth, individual numbers, request headers, credentials or keys (GEN-SEC-007, GEN-SEC-010); the member names those would come under are refused here, and the suite also searches every event for the values it sent.
 */
export interface LogEvent {
time: Timestamp
/**
 * Severity: debug, info, warn or error.
 */
level: ("debug" | "info" | "warn" | "error")
/**
 * A short kebab-case name of what happened, e.g. batch-sent, attempt-failed, record-dead-lettered.
 */
event: string
/**
 * The X-Correlation-Id of the request the event is about (received or sent).
 */
correlationId?: string
/**
 * The recordIds of the records the event is about.
 */
recordIds?: RecordId[]
interface?: InterfaceName
peer?: Party
/**
 * For an outbound attempt: its number, 1 for the first.
 */
attempt?: number
[k: string]: unknown
}
