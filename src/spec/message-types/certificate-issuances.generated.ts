// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { CertificateSerialNumber, CertificateType, MunicipalityCode, RecordId, RecordResult, ResidentCode, Timestamp } from './common.generated.ts'

/**
 * Sent by the certification-authority to the national-center (POST /certificate-issuances): notices of issued certificates, one record per certificate, so that the center can link each certificate to its resident. Answered with certificate-issuances/batch-result.
 */
export interface CertificateIssuanceBatchRequest {
batchId: RecordId
sentAt: Timestamp
/**
 * Identifies the sending certification authority.
 */
authorityId: string
/**
 * @minItems 1
 * @maxItems 1000
 */
records: [CertificateIssuanceNotice, ...(CertificateIssuanceNotice)[]]
}
/**
 * One issued certificate.
 */
export interface CertificateIssuanceNotice {
recordId: RecordId
recordedAt: Timestamp
serialNumber: CertificateSerialNumber
certificateType: CertificateType
residentCode: ResidentCode
municipalityCode: MunicipalityCode
notBefore: Timestamp
notAfter: Timestamp
/**
 * Lowercase hex SHA-256 of the canonical JSON (RFC 8785) of the resident's four items at issuance.
 */
itemsDigest: string
}
/**
 * The receiver's 200 answer to any batch request: one result per record, in request order.
 */
export interface BatchResult {
batchId: RecordId
/**
 * @minItems 1
 * @maxItems 1000
 */
results: [RecordResult, ...(RecordResult)[]]
}
