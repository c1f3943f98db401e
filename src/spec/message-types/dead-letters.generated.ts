// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { InterfaceName, Party, ProblemDetails, RecordId, Timestamp } from './common.generated.ts'

/**
 * Identifies a dead letter at its role; used as {id} in POST /dead-letters/{id}/redrive, so it holds only URL-safe characters.
 */
export type DeadLetterId = string
/**
 * Sent by any sending role as the 200 answer to GET /dead-letters[?interface=<interface>]: every record that was rejected or ran out of retries, with its attempts and last error, for an operator to inspect and re-drive.
 */
export interface DeadLetterList {
items: DeadLetter[]
}
/**
 * One record that will not be sent again unless an operator re-drives it.
 */
export interface DeadLetter {
id: DeadLetterId
interface: InterfaceName
peer: Party
recordId: RecordId
/**
 * How many times the record was sent.
 */
attempts: number
firstAttemptAt: Timestamp
lastAttemptAt: Timestamp
/**
 * rejected: the receiver refused the record permanently; retries-exhausted: every allowed attempt failed transiently.
 */
reason: ("rejected" | "retries-exhausted")
lastError: ProblemDetails
/**
 * dead: waiting for an operator; redriven: an operator re-drove it and it was queued for sending again.
 */
state: ("dead" | "redriven")
}
/**
 * Sent by a sending role as the 202 answer to POST /dead-letters/{id}/redrive: the dead letter is queued to be sent again with the same recordId. An unknown id is answered 404 with a problem.
 */
export interface ReDriveResult {
id: DeadLetterId
recordId: RecordId
state: "redriven"
}
