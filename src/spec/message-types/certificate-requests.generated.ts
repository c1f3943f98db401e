// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { CardSerial, MunicipalityCode, PrintImage, RecordId, ResidentCode, Subjects, Timestamp } from './common.generated.ts'

/**
 * Sent by the issuance-service to the kiosk gateway as the 200 answer to a certificate request: the issued document's fields, its subjects and its rendered print image. Every part belongs to the request it answers: requestId and documentType equal the request's; subjects lists the residentCodes the document is about (the holder alone for scope individual, the holder's household for scope household); fields.residents lists the same residentCodes in the same order; printImage.embedded.requestId equals requestId, printImage.embedded.subjectResidentCodes equals subjects (same order) and printImage.embedded.documentDigest is the lowercase hex SHA-256 of the canonical JSON (RFC 8785) of fields. The document reflects every resident-sync record acknowledged before the request arrived and is never a mix of two versions of a resident's data. On timeout or overload (including a print job that does not finish in time) the service answers a problem (503 urn:tekigo:problem:overloaded or 504 urn:tekigo:problem:timeout) and fails closed: it never answers with, or prints, a document or image made for another request.
 */
export type CertificateResponse = {
requestId: RecordId
documentType: ("residence-record" | "seal-registration" | "family-register-extract")
issuedAt: Timestamp
subjects: Subjects
/**
 * The document's contents; which members it has depends on documentType (see $defs residenceRecordFields, sealRegistrationFields, familyRegisterExtractFields).
 */
fields: {
[k: string]: unknown
}
printImage: PrintImage
}
/**
 * Sent by the kiosk gateway to the issuance-service (POST /certificate-requests): a card holder, identified by the gateway from their card, asks for one document. Answered 200 with certificate-requests/response, or with a problem. The service issues only about the holder (scope individual) or the holder's household (scope household, residence-record only), and only for a holder registered in holder.municipalityCode. requestId is the idempotency key: a repeat with the same requestId and the same content is answered with the same document and issues or prints nothing new; the same requestId with different content is refused with 409 urn:tekigo:problem:conflict.
 */
export interface CertificateRequest {
requestId: RecordId
/**
 * The kiosk where the holder stands.
 */
kioskId: string
requestedAt: Timestamp
holder: CardHolder
/**
 * residence-record: certificate of residence record; seal-registration: certificate of seal registration; family-register-extract: extract of the family register.
 */
documentType: ("residence-record" | "seal-registration" | "family-register-extract")
/**
 * Whose entries the document holds: the holder only, or every member of the holder's household. Absent means individual; household is allowed only for residence-record.
 */
scope?: ("individual" | "household")
/**
 * Number of printed copies.
 */
copies: number
}
/**
 * The person asking, as identified by the kiosk gateway from the card presented.
 */
export interface CardHolder {
residentCode: ResidentCode
municipalityCode: MunicipalityCode
cardSerial?: CardSerial
}
