// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { ChangedItems, ChangeType, EffectiveDate, HouseholdId, ItemsEachChangeTypeNeeds, MunicipalityCode, RecordId, RecordResult, ResidentCode, Timestamp } from './common.generated.ts'

/**
 * One change, with its idempotency key, creation time and sequence.
 */
export type ResidentChangeRecord = (ItemsEachChangeTypeNeeds & {
recordId: RecordId
recordedAt: Timestamp
/**
 * Sequence number within the sending municipality, increasing with every change it records; orders the changes to one resident.
 */
sequence: number
residentCode: ResidentCode
changeType: ChangeType
effectiveDate: EffectiveDate
items?: ChangedItems
householdId?: HouseholdId
} & {
recordId: RecordId
recordedAt: Timestamp
/**
 * Sequence number within the sending municipality, increasing with every change it records; orders the changes to one resident.
 */
sequence: number
residentCode: ResidentCode
changeType: ChangeType
effectiveDate: EffectiveDate
items?: ChangedItems
householdId?: HouseholdId
})
/**
 * Sent by a municipality to the national-center (POST /resident-changes): changes to its residents' records, each with a per-municipality sequence and the four items the change type needs. For one resident, a change with a lower sequence never overwrites a higher one. Answered with resident-changes/batch-result.
 */
export interface ResidentChangeBatchRequest {
batchId: RecordId
sentAt: Timestamp
municipalityCode: MunicipalityCode
/**
 * @minItems 1
 * @maxItems 1000
 */
records: [ResidentChangeRecord, ...(ResidentChangeRecord)[]]
}
/**
 * The receiver's 200 answer to any batch request: one result per record, in request order.
 */
export interface BatchResult2 {
batchId: RecordId
/**
 * @minItems 1
 * @maxItems 1000
 */
results: [RecordResult, ...(RecordResult)[]]
}
