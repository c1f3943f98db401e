// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

/**
 * A lowercase RFC 4122 UUID. As recordId it is the idempotency key of a record and stays unchanged on every re-send; the same shape is used for every other UUID identifier (batchId, stimulusId, changeRecordId).
 */
export type RecordId = string
/**
 * An RFC 3339 date-time (section 5.6) with an explicit offset, e.g. 2025-04-01T09:00:00+09:00 or 2025-04-01T00:00:00Z: a calendar date that exists, T, a time of day, an optional fraction of a second, and Z or +hh:mm/-hh:mm. The format date-time is an assertion in this protocol (specs/README.md, Validation rules): an implementation whose validator treats format as an annotation MUST check it in code.
 */
export type Timestamp = string
/**
 * A 6-digit municipality code: the 5-digit local-government code followed by its check digit (weights 6,5,4,3,2; check = 11 - (sum mod 11), last digit kept), e.g. 131016. The check digit is part of the format municipality-code, which is an assertion in this protocol: a validator that treats format as an annotation (the JSON Schema 2020-12 default) or does not know this format will not check it, so every implementation MUST verify the check digit in its own code, with the algorithm of specs/README.md (Validation rules) and specs/test-vectors.yaml as the reference. The pattern is anchored: $ is the very end of the string, so a trailing newline is invalid.
 */
export type MunicipalityCode = string
/**
 * An 11-digit resident code: 10 digits followed by a modulus-11 check digit (weights 6,5,4,3,2,7,6,5,4,3 from the left; r = sum mod 11; check = 0 when r <= 1, else 11 - r). The check digit is part of the format resident-code, which is an assertion in this protocol: a validator that treats format as an annotation (the JSON Schema 2020-12 default) or does not know this format will not check it, so every implementation MUST verify the check digit in its own code, with the algorithm of specs/README.md (Validation rules) and specs/test-vectors.yaml as the reference. The pattern is anchored: $ is the very end of the string, so a trailing newline is invalid.
 */
export type ResidentCode = string
/**
 * A 12-digit individual number: 11 digits followed by the published check digit (weights, from the digit before the check digit leftwards, n+1 for n = 1..6 and n-5 for n = 7..11; r = sum mod 11; check = 0 when r <= 1, else 11 - r). The check digit is part of the format individual-number, which is an assertion in this protocol: a validator that treats format as an annotation (the JSON Schema 2020-12 default) or does not know this format will not check it, so every implementation MUST verify the check digit in its own code, with the algorithm of specs/README.md (Validation rules) and specs/test-vectors.yaml as the reference. The pattern is anchored: $ is the very end of the string, so a trailing newline is invalid.
 */
export type IndividualNumber = string
/**
 * Full address, NFC.
 */
export type Address = string
/**
 * An RFC 3339 full-date (YYYY-MM-DD, a day that exists in the proleptic Gregorian calendar). The format date is an assertion in this protocol (specs/README.md, Validation rules): an implementation whose validator treats format as an annotation MUST check it in code.
 */
export type DateOfBirth = string
export type Sex = ("male" | "female")
/**
 * Upper-case hex, 16 to 40 digits.
 */
export type CertificateSerialNumber = string
export type CertificateType = ("signature" | "user-authentication")
/**
 * Serial number of the individual-number card, as read from the card: 8 to 32 upper-case letters and digits.
 */
export type CardSerial = string
/**
 * The residentCodes a document is about, without repeats.
 * 
 * @minItems 1
 * @maxItems 20
 */
export type Subjects = [ResidentCode, ...(ResidentCode)[]]
/**
 * RFC 4648 base64 (standard alphabet, padded), at most 8 MiB decoded.
 */
export type Base64Data = string
export type RevocationReason = ("move-out" | "name-change" | "address-change" | "death" | "correction" | "loss" | "other")
/**
 * The name of an interface (one exchange between two parties), as listed in specs/README.md.
 */
export type InterfaceName = ("resident-changes" | "certificate-issuances" | "revocation-requests" | "certificate-status" | "card-production" | "registration-notices" | "certificate-requests" | "resident-sync" | "print-jobs" | "relay-forwarding" | "crypto-device" | "reconciliation" | "dead-letters" | "health" | "upper-tester")
/**
 * The name of any party an implementation talks to: a role, or a peer that is not a role (always played by the suite).
 */
export type Party = ("municipality" | "national-center" | "certification-authority" | "issuance-service" | "relay" | "print-service" | "crypto-device" | "kiosk-gateway" | "municipal-terminal" | "signature-verifier")
/**
 * The name of a role of the protocol: a party that can be the implementation under test.
 */
export type Role = ("municipality" | "national-center" | "certification-authority" | "issuance-service" | "relay")
/**
 * birth and move-in carry all four items; address-change and move-out (the new address, outside the municipality) carry the address; name-change carries the name; correction carries at least one item; death needs none.
 */
export type ItemsEachChangeTypeNeeds = {
[k: string]: unknown
}
export type ChangeType = ("birth" | "move-in" | "move-out" | "address-change" | "name-change" | "death" | "correction")
/**
 * RFC 3339 full-date (a day that exists) on which the change took effect. The format date is an assertion (specs/README.md, Validation rules).
 */
export type EffectiveDate = string
/**
 * The municipality's identifier of the resident's household.
 */
export type HouseholdId = string
/**
 * The four basic items of a resident record: name, address, date of birth and sex. Text is UTF-8 NFC; the kanji name may hold characters outside the BMP, and lengths count characters (code points). The canonical JSON of this object (keys sorted, no whitespace, RFC 8785) is what itemsDigest hashes. Each item is also in $defs so that messages carrying only some items can reuse it.
 */
export interface FourBasicItems {
name: Name
address: Address
dateOfBirth: DateOfBirth
sex: Sex
}
/**
 * The name in kanji (as registered, NFC, may hold non-BMP characters) and its katakana reading.
 */
export interface Name {
kanji: string
/**
 * Full-width katakana: the code points U+30A1 (ァ) to U+30FE (ヾ), which include the middle dot and the long-vowel mark; words separated by one U+0020 SPACE or one U+3000 IDEOGRAPHIC SPACE. The pattern holds these characters literally (no regular-expression escapes), so every engine reads it the same way; like every pattern it uses ECMA-262 semantics, and $ is the very end of the string (a trailing newline does not match).
 */
kana: string
}
/**
 * An RFC 9457 problem body (application/problem+json) that any role returns for an error, and that a batch-result carries for a rejected record. Open: members beyond those listed are allowed. type is urn:tekigo:problem:<name> for the problem types listed in specs/README.md.
 */
export interface ProblemDetails {
/**
 * URI identifying the problem type, e.g. urn:tekigo:problem:validation. The format uri is an assertion (specs/README.md, Validation rules).
 */
type: string
/**
 * Short human-readable summary of the problem type.
 */
title: string
/**
 * The HTTP status code of the response (or the one it would have had, for a rejected record).
 */
status: number
/**
 * Human-readable explanation of this occurrence.
 */
detail?: string
/**
 * URI reference identifying this occurrence. The format uri-reference is an assertion (specs/README.md, Validation rules).
 */
instance?: string
/**
 * The X-Correlation-Id of the request this problem answers.
 */
correlationId?: string
/**
 * For validation problems: one entry per offending field.
 */
errors?: FieldError[]
[k: string]: unknown
}
export interface FieldError {
/**
 * JSON Pointer (RFC 6901) of the offending field in the request body, naming a missing or extra member itself; "" for the whole body; /<name> for a query or path parameter (specs/README.md, Validation rules). The format json-pointer is an assertion (specs/README.md, Validation rules).
 */
pointer: string
/**
 * What is wrong with that field.
 */
detail: string
}
/**
 * The receiver's outcome for one record of a batch: accepted (durably stored), duplicate (same recordId and content already stored; no second effect) or rejected (permanently refused; never re-sent). problem is required when the outcome is rejected and absent otherwise.
 */
export interface RecordResult {
recordId: RecordId
outcome: ("accepted" | "duplicate" | "rejected")
problem?: ProblemDetails
}
/**
 * A rendered document ready for printing, with the identifiers the renderer embedded in it. data of media type application/vnd.tekigo.print-image+json decodes to UTF-8 JSON {"embedded": ..., "fields": ...} whose embedded member equals embedded here, so that whoever holds only the image can tell whose document it is. embedded.requestId names the certificate request the image was made for, embedded.subjectResidentCodes its subjects in order, and embedded.documentDigest the SHA-256 (lowercase hex) of the canonical JSON (RFC 8785) of that document's fields.
 */
export interface PrintImage {
mediaType: "application/vnd.tekigo.print-image+json"
data: Base64Data
embedded: {
requestId: RecordId
subjectResidentCodes: Subjects
documentDigest: string
}
}
/**
 * The receiver's 200 answer to any batch request: one result per record, in request order.
 */
export interface BatchResult1 {
batchId: RecordId
/**
 * @minItems 1
 * @maxItems 1000
 */
results: [RecordResult, ...(RecordResult)[]]
}
/**
 * Counts over distinct recordIds for one interface and direction on one reconciliation day (Japan time): total; accepted (receiver: durably stored; sender: answered accepted or duplicate); rejected; pending (sender: no terminal outcome yet); deadLettered (sender: in dead letters); duplicate (deliveries answered duplicate).
 */
export interface ReconciliationCounts {
total: number
accepted: number
duplicate: number
rejected: number
pending: number
deadLettered: number
}
/**
 * The product name and version of the implementation.
 */
export interface Implementation {
name: string
version: string
}
/**
 * Some or all of the four items, as they are after the change.
 */
export interface ChangedItems {
name?: Name
address?: Address
dateOfBirth?: DateOfBirth
sex?: Sex
}
