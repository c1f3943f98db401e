// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { FourBasicItems, MunicipalityCode, RecordId, RecordResult, ResidentCode, Timestamp } from './common.generated.ts'

/**
 * Sent by a municipality to the issuance-service (POST /resident-sync) at any time, also while documents are being issued: the current state of some of its residents, one full snapshot per record (not a delta). Answered with resident-sync/batch-result. Every record's residentCode belongs to municipalityCode. version orders the snapshots of one resident: the service keeps the highest version; a record whose version is not above the stored one is rejected with urn:tekigo:problem:stale-sequence and changes nothing (a re-send of an already stored recordId is answered duplicate instead). Records are applied in request order, each atomically: once a record is answered accepted, every document issued afterwards reflects it, and no document ever mixes data of two versions of a resident.
 */
export interface ResidentSyncBatchRequest {
batchId: RecordId
sentAt: Timestamp
municipalityCode: MunicipalityCode
/**
 * @minItems 1
 * @maxItems 1000
 */
records: [ResidentSnapshot, ...(ResidentSnapshot)[]]
}
/**
 * One resident as the municipality now records them.
 */
export interface ResidentSnapshot {
recordId: RecordId
recordedAt: Timestamp
residentCode: ResidentCode
/**
 * Version of this resident's record at the municipality; starts at 1 and increases with every change to that resident.
 */
version: number
items: FourBasicItems
/**
 * The municipality's identifier of the resident's household (same form as in resident-changes); absent when the resident belongs to no household.
 */
householdId?: string
/**
 * resident: registered in the municipality; moved-out: moved away; deceased: died.
 */
status: ("resident" | "moved-out" | "deceased")
}
/**
 * The receiver's 200 answer to any batch request: one result per record, in request order.
 */
export interface BatchResult3 {
batchId: RecordId
/**
 * @minItems 1
 * @maxItems 1000
 */
results: [RecordResult, ...(RecordResult)[]]
}
