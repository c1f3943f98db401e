// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { FourBasicItems, IndividualNumber, MunicipalityCode, ProblemDetails, RecordId, ResidentCode, Timestamp } from './common.generated.ts'

/**
 * Sent by the national-center to the municipality as the 200 answer to GET /card-batches/{batchId} (404 urn:tekigo:problem:unknown-batch for a batch it never stored). The status must be truthful at every moment: records lists every record of the batch exactly once, in request order; counts.total equals the number of records and pending, registered and failed each equal the number of records with that outcome (so they sum to total). A record is registered only once its card registration is durably stored. States: received (stored, nothing decided: every record pending); processing (some records may be decided); completed (every record durably registered, none pending or failed; shown only after that is true, never while any step is unfinished); failed (every record failed); partially-completed (nothing pending, at least one registered and one failed). completed, failed and partially-completed are terminal: neither the state nor any outcome changes afterwards. The schema enforces what JSON Schema can (outcomes and counts allowed per state, problem and registeredAt per outcome); the equalities between counts and outcomes are checked by the suite.
 */
export type CardProductionBatchStatus = {
batchId: RecordId
state: ("received" | "processing" | "completed" | "failed" | "partially-completed")
counts: BatchCounts
/**
 * @minItems 1
 * @maxItems 1000
 */
records: [RecordStatus, ...(RecordStatus)[]]
updatedAt: Timestamp
}
/**
 * The outcome of one record: pending (not decided yet), registered (the card registration is durably stored; registeredAt required) or failed (permanently; problem required). problem appears only with failed and registeredAt only with registered.
 */
export type RecordStatus = ({
recordId: RecordId
outcome: ("pending" | "registered" | "failed")
problem?: ProblemDetails
registeredAt?: Timestamp
} & {
recordId: RecordId
outcome: ("pending" | "registered" | "failed")
problem?: ProblemDetails
registeredAt?: Timestamp
})
/**
 * Sent by the national-center to the municipality as the 202 answer to POST /card-batches. It is sent only after every record of the batch is durably stored, so a crash after this answer loses nothing. statusUrl is where card-production/batch-status is read (GET /card-batches/{batchId}) and equals the Location header of the response. A repeat of an already stored batch (same batchId, same content) gets the same batchId and statusUrl and starts nothing new; its current state is read at statusUrl.
 */
export interface CardProductionBatchAccepted {
batchId: RecordId
/**
 * Always received: the batch is stored and waits to be processed.
 */
state: "received"
/**
 * URI reference, relative to the request URL when relative, of the batch's status resource.
 */
statusUrl: string
receivedAt: Timestamp
}
/**
 * Sent by a municipality to the national-center (POST /card-batches): residents for whom the center is to produce an individual-number card. The center answers 202 with card-production/batch-accepted only after the whole batch is durably stored, then processes it asynchronously; progress is read at the statusUrl (card-production/batch-status) and the outcomes are also pushed to the municipality as registration-notices. Every record's residentCode belongs to municipalityCode, which in the production profile equals the municipality code in the sender's certificate. Re-sending the same batchId with the same content has no second effect and is answered 202 with the same statusUrl; the same batchId with different content is refused with 409 urn:tekigo:problem:conflict. recordId is the idempotency key of each record and stays unchanged on every re-send.
 */
export interface CardProductionBatchRequest {
batchId: RecordId
sentAt: Timestamp
municipalityCode: MunicipalityCode
/**
 * @minItems 1
 * @maxItems 1000
 */
records: [CardProductionRecord, ...(CardProductionRecord)[]]
}
/**
 * One card to produce: the resident, their individual number and the four items to print on the card.
 */
export interface CardProductionRecord {
recordId: RecordId
recordedAt: Timestamp
residentCode: ResidentCode
individualNumber: IndividualNumber
items: FourBasicItems
/**
 * The kind of card to produce; only the individual-number card is defined.
 */
cardType: "my-number-card"
/**
 * How the card reaches the resident: handed over at the municipality's counter, or mailed. Absent means municipality-pickup.
 */
deliveryMethod?: ("municipality-pickup" | "mail")
}
/**
 * Numbers of records of the batch: total, and by outcome. pending + registered + failed = total.
 */
export interface BatchCounts {
total: number
pending: number
registered: number
failed: number
}
/**
 * Sent by the municipality to its operator (and the suite) as the 200 answer to GET /card-batches/{batchId} on the municipality (404 urn:tekigo:problem:unknown-batch for a batch it never submitted). state is submitting until the center answered 202, refused when the center refused the batch for good (its records are dead letters), else the state the center's batch status last showed; it is completed only when that status showed completed (MUN-CARD-004). Each record's outcome is the one the center last reported for it, in its status or a registration notice; notified says whether a registration notice gave it. notice.state is awaited until the final registration notice is stored, received after, and missing once deliveryBoundMs has passed since the municipality read the batch's terminal status without the final notice (MUN-NOT-005); noticesApplied counts the distinct notices applied, each once however often it was delivered (MUN-NOT-002).
 */
export interface CardProductionBatchAsTheMunicipalitySOperatorSeesIt {
batchId: RecordId
state: ("submitting" | "refused" | "received" | "processing" | "completed" | "failed" | "partially-completed")
counts: BatchCounts
/**
 * @minItems 1
 * @maxItems 1000
 */
records: [RecordAsTheOperatorSeesIt, ...(RecordAsTheOperatorSeesIt)[]]
notice: RegistrationNoticesOfTheBatch
updatedAt: Timestamp
}
export interface RecordAsTheOperatorSeesIt {
recordId: RecordId
residentCode: ResidentCode
outcome: ("pending" | "registered" | "failed")
notified: boolean
}
export interface RegistrationNoticesOfTheBatch {
state: ("awaited" | "received" | "missing")
noticesApplied: number
terminalReadAt?: Timestamp
missingSince?: Timestamp
}
