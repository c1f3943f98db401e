// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { CertificateSerialNumber, RecordId, RecordResult, ResidentCode, RevocationReason, Timestamp } from './common.generated.ts'

/**
 * Sent by the national-center to the certification-authority (POST /revocation-requests) when a resident's change affects a linked valid certificate. Once a record is answered accepted, certificate-status answers revoked for its serial; an unknown serial is rejected with urn:tekigo:problem:unknown-certificate. Answered with revocation-requests/batch-result.
 */
export interface RevocationBatchRequest {
batchId: RecordId
sentAt: Timestamp
/**
 * @minItems 1
 * @maxItems 1000
 */
records: [RevocationRequest, ...(RevocationRequest)[]]
}
/**
 * A request to revoke one certificate.
 */
export interface RevocationRequest {
recordId: RecordId
recordedAt: Timestamp
serialNumber: CertificateSerialNumber
residentCode: ResidentCode
reason: RevocationReason
changeRecordId?: RecordId
}
/**
 * The receiver's 200 answer to any batch request: one result per record, in request order.
 */
export interface BatchResult4 {
batchId: RecordId
/**
 * @minItems 1
 * @maxItems 1000
 */
results: [RecordResult, ...(RecordResult)[]]
}
