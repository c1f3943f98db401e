// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { MunicipalityCode, ProblemDetails, RecordId, Timestamp } from './common.generated.ts'

/**
 * Sent by the municipality to the national-center as the 200 answer to a registration notice, only after the notice's outcomes are durably stored. outcome is acknowledged the first time a noticeId is stored and duplicate for a re-send of the same noticeId with the same content, which has no second effect. The same noticeId with different content is refused with 409 urn:tekigo:problem:conflict. noticeId echoes the notice's; the center counts a notice as delivered only on an acknowledgement with its noticeId.
 */
export interface RegistrationNoticeAcknowledgement {
noticeId: RecordId
acknowledgedAt: Timestamp
outcome: ("acknowledged" | "duplicate")
}
/**
 * Sent by the national-center to the municipality that submitted a card-production batch (POST /registration-notices): the decided outcomes of records of that batch. Delivery is at least once: the center re-sends the notice, with the same noticeId and identical content, with bounded backoff until it receives a registration-notices/acknowledgement for that noticeId; a notice still unacknowledged when retries run out is dead-lettered, never dropped. Each record of the batch appears in exactly one notice of that batch (re-sends aside), with the same outcome the batch status shows; pending records are never notified. final is true on the last notice of the batch, sent once the batch has reached a terminal state: together the batch's notices then cover every record. A municipality that sees a terminal batch status without having received its final notice within the declared deliveryBoundMs treats the notice as missing and reports it.
 */
export interface RegistrationNotice {
noticeId: RecordId
batchId: RecordId
municipalityCode: MunicipalityCode
sentAt: Timestamp
/**
 * True on the notice that completes the batch's set of notices.
 */
final: boolean
/**
 * @minItems 1
 * @maxItems 1000
 */
records: [RecordOutcome, ...(RecordOutcome)[]]
}
/**
 * The decided outcome of one card-production record: registered (durably; registeredAt required) or failed (permanently; problem required). problem appears only with failed and registeredAt only with registered.
 */
export interface RecordOutcome {
recordId: RecordId
outcome: ("registered" | "failed")
problem?: ProblemDetails
registeredAt?: Timestamp
}
