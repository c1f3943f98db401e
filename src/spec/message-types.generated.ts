// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while this file is stale).
 * `MessageTypes['<interface>/<message>']` is the type of a message type.
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
 * Upper-case hex, 16 to 40 digits.
 */
export type CertificateSerialNumber = string
export type CertificateType = ("signature" | "user-authentication")
/**
 * Serial number of the individual-number card, as read from the card: 8 to 32 upper-case letters and digits.
 */
export type CardSerial = string
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
 * RFC 4648 base64 (standard alphabet, padded), 1 byte to 1 MiB decoded.
 */
export type Base64Data1 = string
/**
 * RFC 4648 base64 (standard alphabet, padded), 1 byte to 1 MiB decoded.
 */
export type Base64Data2 = string
/**
 * RFC 4648 base64 (standard alphabet, padded), 1 byte to 1 MiB decoded.
 */
export type Base64Data3 = string
/**
 * RFC 4648 base64 (standard alphabet, padded), 1 byte to 1 MiB decoded.
 */
export type Base64Data4 = string
/**
 * Identifies a dead letter at its role; used as {id} in POST /dead-letters/{id}/redrive, so it holds only URL-safe characters.
 */
export type DeadLetterId = string
/**
 * A card-management operation from a municipal terminal. The terminal sends it to the relay (POST /relay/messages); the relay forwards it with the same messageId and content to the national-center (POST /card-management/messages) and answers the terminal with the center's relay-forwarding/forward-response. The relay passes every message through the crypto device (crypto-device interface), matching the device's answers by operationId. A timeout or failure at any phase (terminal connection, crypto device, national-center) fails that message alone, answered with a problem (504 urn:tekigo:problem:timeout or 503 urn:tekigo:problem:unavailable); it frees only what that message holds and the relay keeps serving other messages. In the production profile municipalityCode is the municipality in the terminal's certificate (otherwise 403 urn:tekigo:problem:forbidden) and payload.residentCode belongs to it. messageId is the idempotency key: a repeat with the same messageId and content has no second effect and gets the same answer; the same messageId with different content is refused with 409 urn:tekigo:problem:conflict. The payload members each operation needs: card-issue requires individualNumber; card-suspend and card-revoke require cardSerial and reason; card-resume requires cardSerial; reason is allowed only with card-suspend, card-resume and card-revoke.
 */
export type RelayForwardRequest = {
messageId: RecordId
/**
 * The municipal terminal that sent the message.
 */
terminalId: string
municipalityCode: MunicipalityCode
operation: ("card-issue" | "card-suspend" | "card-resume" | "card-revoke" | "card-status")
sentAt: Timestamp
payload: OperationPayload
}
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
 * Sent by the suite to the role under test (test mode only) in POST /conformance/stimulus, answered 202 with upper-tester/stimulus-result: makes the implementation do what would normally start outside the protocol. kind selects the stimulus: issue-certificates (certification-authority), apply-resident-changes, submit-card-batch and push-resident-sync (municipality). The national-center, issuance-service and relay have no stimulus kind (everything they send is caused by messages the suite sends them) and answer every stimulus 400 naming /kind (GEN-UT-006); the national-center is paced through PUT /conformance/hooks instead.
 */
export type StimulusRequest = (IssueCertificates | ApplyResidentChanges | SubmitACardBatch | PushAResidentSync)
/**
 * What changed for one resident, without the fields the sender assigns (recordId, recordedAt, sequence).
 */
export type ResidentChange = (ItemsEachChangeTypeNeeds & {
residentCode: ResidentCode
changeType: ChangeType
effectiveDate: EffectiveDate
items?: ChangedItems
householdId?: HouseholdId
} & {
residentCode: ResidentCode
changeType: ChangeType
effectiveDate: EffectiveDate
items?: ChangedItems
householdId?: HouseholdId
})

/**
 * Each message type of specs/schemas, by its name.
 */
export interface MessageTypes {
"card-production/batch-accepted": CardProductionBatchAccepted
"card-production/batch-request": CardProductionBatchRequest
"card-production/batch-status": CardProductionBatchStatus
"card-production/batch-view": CardProductionBatchAsTheMunicipalitySOperatorSeesIt
"certificate-issuances/batch-request": CertificateIssuanceBatchRequest
"certificate-issuances/batch-result": BatchResult
"certificate-requests/request": CertificateRequest
"certificate-requests/response": CertificateResponse
"certificate-status/status-response": CertificateStatusResponse
"common/batch-result": BatchResult1
"common/four-items": FourBasicItems
"common/individual-number": IndividualNumber
"common/interface-name": InterfaceName
"common/municipality-code": MunicipalityCode
"common/party": Party
"common/problem": ProblemDetails
"common/reconciliation-counts": ReconciliationCounts
"common/record-id": RecordId
"common/record-result": RecordResult
"common/resident-code": ResidentCode
"common/role": Role
"common/timestamp": Timestamp
"crypto-device/seal-request": CryptoDeviceSealRequest
"crypto-device/seal-response": CryptoDeviceSealResponse
"crypto-device/unseal-request": CryptoDeviceUnsealRequest
"crypto-device/unseal-response": CryptoDeviceUnsealResponse
"dead-letters/list": DeadLetterList
"dead-letters/redrive-result": ReDriveResult
"health/health": Health
"health/relay-metrics": RelayMetrics
"log/event": LogEvent
"print-jobs/job-request": PrintJobRequest
"print-jobs/job-status": PrintJobStatus
"reconciliation/report": ReconciliationReport
"registration-notices/acknowledgement": RegistrationNoticeAcknowledgement
"registration-notices/notice": RegistrationNotice
"relay-forwarding/forward-request": RelayForwardRequest
"relay-forwarding/forward-response": RelayForwardResponse
"resident-changes/batch-request": ResidentChangeBatchRequest
"resident-changes/batch-result": BatchResult2
"resident-sync/batch-request": ResidentSyncBatchRequest
"resident-sync/batch-result": BatchResult3
"revocation-requests/batch-request": RevocationBatchRequest
"revocation-requests/batch-result": BatchResult4
"upper-tester/capabilities": Capabilities
"upper-tester/hooks": Hooks
"upper-tester/peers": Peers
"upper-tester/stimulus-request": StimulusRequest
"upper-tester/stimulus-result": StimulusResult
}
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
 * Numbers of records of the batch: total, and by outcome. pending + registered + failed = total.
 */
export interface BatchCounts {
total: number
pending: number
registered: number
failed: number
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
/**
 * The receiver's outcome for one record of a batch: accepted (durably stored), duplicate (same recordId and content already stored; no second effect) or rejected (permanently refused; never re-sent). problem is required when the outcome is rejected and absent otherwise.
 */
export interface RecordResult {
recordId: RecordId
outcome: ("accepted" | "duplicate" | "rejected")
problem?: ProblemDetails
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
 * Sent by the certification-authority to a signature-verifier as the 200 answer to GET /certificate-status/{serialNumber}: good for an issued, unrevoked certificate, revoked (with when and why) once a revocation was accepted, unknown for a serial the authority never issued. revokedAt and revocationReason are present exactly when the status is revoked.
 */
export interface CertificateStatusResponse {
serialNumber: CertificateSerialNumber
status: ("good" | "revoked" | "unknown")
revokedAt?: Timestamp
revocationReason?: RevocationReason
producedAt: Timestamp
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
 * Sent by the relay to the crypto device (POST /seal): seal plaintext under the key keyLabel, for one message passing through the relay. Answered 200 with crypto-device/seal-response or with a problem. The device may answer concurrent operations in any order, so the relay matches every response to its request by operationId, treats a response whose operationId is not the one it sent as a failure of that operation (never as another operation's result), and bounds every wait with its declared requestTimeoutMs. operationId is unique per operation; a retry of the same operation keeps it.
 */
export interface CryptoDeviceSealRequest {
operationId: RecordId
/**
 * Label of the device key to use.
 */
keyLabel: string
plaintext: Base64Data1
}
/**
 * Sent by the crypto device to the relay as the 200 answer to a seal request. operationId and keyLabel echo the request's; sealed is the sealed form of the request's plaintext. The device may answer concurrent operations in any order, so the relay matches every response to its request by operationId, treats a response whose operationId is not the one it sent as a failure of that operation (never as another operation's result), and bounds every wait with its declared requestTimeoutMs.
 */
export interface CryptoDeviceSealResponse {
operationId: RecordId
sealed: Base64Data2
/**
 * Label of the device key that sealed the data.
 */
keyLabel: string
}
/**
 * Sent by the relay to the crypto device (POST /unseal): open sealed data made under the key keyLabel. Answered 200 with crypto-device/unseal-response, or with a problem when the data was not sealed under that key or was altered. The device may answer concurrent operations in any order, so the relay matches every response to its request by operationId, treats a response whose operationId is not the one it sent as a failure of that operation (never as another operation's result), and bounds every wait with its declared requestTimeoutMs. operationId is unique per operation; a retry of the same operation keeps it.
 */
export interface CryptoDeviceUnsealRequest {
operationId: RecordId
/**
 * Label of the device key to use.
 */
keyLabel: string
sealed: Base64Data3
}
/**
 * Sent by the crypto device to the relay as the 200 answer to an unseal request. operationId echoes the request's; plaintext is what the request's sealed data held. The device may answer concurrent operations in any order, so the relay matches every response to its request by operationId, treats a response whose operationId is not the one it sent as a failure of that operation (never as another operation's result), and bounds every wait with its declared requestTimeoutMs.
 */
export interface CryptoDeviceUnsealResponse {
operationId: RecordId
plaintext: Base64Data4
}
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
/**
 * Sent by any role as the 200 answer to GET /health: whether it is up, which role and implementation it is, and its clock.
 */
export interface Health {
/**
 * up: serving normally; degraded: serving, with a dependency impaired; down: not able to serve its interfaces.
 */
status: ("up" | "degraded" | "down")
role: Party
implementation: Implementation
time: Timestamp
}
/**
 * The product name and version of the implementation.
 */
export interface Implementation {
name: string
version: string
}
/**
 * Sent by the relay as the 200 answer to GET /metrics (served outside test mode too): its declared bounds and its counters since it started, so that an operator, and the suite, can see its connections, the limits it hit, the timeouts it gave and the crypto device's latency (RLY-MET-001 to RLY-MET-003). Counters only grow while the process runs; gauges (connections.open, messages.inProgress) are the values at the moment of the answer, the connection that carries GET /metrics included.
 */
export interface RelayMetrics {
role: "relay"
time: Timestamp
bounds: DeclaredBounds
connections: ClientConnections
messages: TerminalMessages
limitHits: number
upstreamTimeouts: number
device: CryptoDevice
memory: {
rssBytes: number
}
}
/**
 * The bounds the relay enforces; the suite tests against these values.
 */
export interface DeclaredBounds {
/**
 * Every crypto-device operation and every forwarded message is abandoned no later than this (RLY-FWD-004, RLY-DEV-002).
 */
requestTimeoutMs: number
/**
 * A connection whose request headers are not complete this long after it opened is closed (GEN-TMO-001 allows at most 10 s).
 */
headersTimeoutMs: number
/**
 * A request whose body is not complete this long after its headers is answered 408 and its connection closed (GEN-TMO-002).
 */
bodyTimeoutMs: number
/**
 * A kept-alive connection with no request in progress is closed after this long.
 */
idleTimeoutMs: number
/**
 * Client connections open at once; a connection beyond them is closed at once and counted in connections.refused.
 */
maxConnections: number
/**
 * Messages in progress at once; one beyond them is answered 503 overloaded with Retry-After (GEN-TMO-006).
 */
maxConcurrentRequests: number
}
export interface ClientConnections {
open: number
peak: number
accepted: number
refused: number
/**
 * Client connections closed because a phase did not complete within its bound, by phase.
 */
timedOut: {
headers: number
body: number
}
}
export interface TerminalMessages {
inProgress: number
received: number
forwarded: number
failed: number
overloaded: number
}
export interface CryptoDevice {
operations: number
timeouts: number
errors: number
discarded: number
latencyMs: DeviceLatency
}
/**
 * Milliseconds from sending an operation to its completion, over the completed operations.
 */
export interface DeviceLatency {
last: number
mean: number
max: number
}
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
/**
 * Sent by the issuance-service to the print service (POST /print-jobs): print one document for one certificate request. Answered 202 with print-jobs/job-status (state queued); later states are read at GET /print-jobs/{jobId}. The image is the one rendered for requestId: image.embedded.requestId equals requestId. jobId is the idempotency key: a re-submit with the same jobId and the same content prints nothing new and is answered with the job's current status; the same jobId with different content is refused with 409 urn:tekigo:problem:conflict. The issuance-service treats a certificate request as printed only on a printed job-status whose jobId and requestId are its own; when that status does not come in time, or comes for another job, it fails the certificate request closed and never takes another job's image or result as its own.
 */
export interface PrintJobRequest {
jobId: RecordId
requestId: RecordId
submittedAt: Timestamp
/**
 * Number of copies, as in the certificate request.
 */
copies: number
image: PrintImage
}
/**
 * Sent by the print service to the issuance-service: the 202 answer to POST /print-jobs (state queued) and the 200 answer to GET /print-jobs/{jobId} (404 urn:tekigo:problem:not-found for an unknown job). jobId and requestId echo the job's. States: queued, printing, then one terminal state: printed (every copy printed), failed (problem required) or cancelled. A terminal state never changes. problem appears only with failed.
 */
export interface PrintJobStatus {
jobId: RecordId
requestId: RecordId
state: ("queued" | "printing" | "printed" | "failed" | "cancelled")
updatedAt: Timestamp
/**
 * Pages printed so far, over all copies.
 */
pages?: number
problem?: ProblemDetails
}
/**
 * Sent by any role as the 200 answer to GET /reconciliation?date=YYYY-MM-DD&peer=<party>: for one reconciliation day (Japan time) and one peer, the counts and the digest of accepted recordIds per interface and direction, so that both sides can prove they agree.
 */
export interface ReconciliationReport {
role: Role
peer: Party
/**
 * The reconciliation day: records whose recordedAt falls on this date in Japan time (UTC+09:00). RFC 3339 full-date;the format date is an assertion (specs/README.md, Validation rules).
 */
date: string
generatedAt: Timestamp
entries: ReconciliationEntry[]
}
/**
 * The counts for one interface in one direction, as seen by the reporting role.
 */
export interface ReconciliationEntry {
interface: InterfaceName
/**
 * outbound: the reporting role sent these records; inbound: it received them.
 */
direction: ("outbound" | "inbound")
counts: ReconciliationCounts
/**
 * Lowercase hex SHA-256 of the accepted recordIds sorted ascending, each followed by a line feed (the empty set gives the digest of the empty string).
 */
acceptedDigest: string
}
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
/**
 * The card and resident the operation concerns.
 */
export interface OperationPayload {
residentCode: ResidentCode
individualNumber?: IndividualNumber
cardSerial?: CardSerial
/**
 * Why the card is suspended, resumed or revoked.
 */
reason?: ("loss" | "theft" | "found" | "damage" | "holder-request" | "move-out" | "death" | "other")
}
/**
 * The national-center's 200 answer to a forwarded card-management message, which the relay passes back unchanged to the terminal as the answer to that same message. messageId equals the request's: the relay never answers a terminal with the response to another message. status completed means the operation is durably done (result required: the card's cardSerial and cardState after the operation, NC-CMG-002); rejected means it was permanently refused (problem required, result absent). A transient failure is not a forward-response but a problem answer (see relay-forwarding/forward-request).
 */
export interface RelayForwardResponse {
messageId: RecordId
status: ("completed" | "rejected")
completedAt: Timestamp
/**
 * The card after the operation: its cardSerial (assigned by the center at card-issue) and cardState (active, suspended, or revoked, which is final). Open: an implementation may add members.
 */
result?: {
cardSerial: CardSerial
cardState: ("active" | "suspended" | "revoked")
[k: string]: unknown
}
problem?: ProblemDetails
}
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
 * Some or all of the four items, as they are after the change.
 */
export interface ChangedItems {
name?: Name
address?: Address
dateOfBirth?: DateOfBirth
sex?: Sex
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
/**
 * Sent by the role under test (test mode only) as the 200 answer to GET /conformance/capabilities: its role, the interfaces it takes part in and as which side, and its sending parameters. The bounds below are the spec's bounds; the suite tests against the declared values.
 */
export interface Capabilities {
role: Role
implementation: Implementation
/**
 * The version of this specification the implementation follows.
 */
specVersion: string
/**
 * @minItems 1
 */
interfaces: [InterfaceTakenPartIn, ...(InterfaceTakenPartIn)[]]
parameters: SendingParameters
features: {
/**
 * Whether POST /conformance/reset is supported.
 */
reset: boolean
/**
 * The hooks of PUT /conformance/hooks the role offers (upper-tester/hooks): card-processing (cardProcessing, the national-center only) and internal-failure (internalFailure, any role); absent or empty when it offers none.
 */
hooks?: ("card-processing" | "internal-failure")[]
}
limits?: DeclaredLimits
municipalityCode?: MunicipalityCode
}
export interface InterfaceTakenPartIn {
name: InterfaceName
as: ("sender" | "receiver")
}
export interface SendingParameters {
/**
 * Every outbound call is abandoned no later than this.
 */
requestTimeoutMs: number
retry: RetryPolicy
/**
 * The most records the implementation puts in, or accepts in, one batch.
 */
maxBatchSize: number
/**
 * With healthy peers, the longest time from a stimulus to a terminal outcome for every record it caused.
 */
deliveryBoundMs: number
}
/**
 * Bounded exponential backoff with jitter for transient failures.
 */
export interface RetryPolicy {
/**
 * Attempts in all, the first included, before a record is dead-lettered with reason retries-exhausted.
 */
maxAttempts: number
initialBackoffMs: number
maxBackoffMs: number
multiplier: number
jitter: ("full" | "equal" | "decorrelated")
}
/**
 * Limits the suite tests against; each has the default given here when absent.
 */
export interface DeclaredLimits {
/**
 * The largest request body accepted; larger ones are answered 413 payload-too-large (GEN-VAL-002). Default and maximum 16777216 (16 MiB).
 */
maxBodyBytes?: number
/**
 * The deepest JSON nesting accepted; deeper bodies are answered 400 validation or 413 (GEN-VAL-005). Default 64.
 */
maxNestingDepth?: number
/**
 * The overload threshold: beyond this many requests in progress, the role answers 503 overloaded with Retry-After rather than queueing (GEN-TMO-006). Default 64.
 */
maxConcurrentRequests?: number
/**
 * How long, counted from the Japan-time day of a record's recordedAt, a receiver recognises a duplicate and keeps the record in reconciliation (GEN-IDEM-004, GEN-REC-008). Default and minimum 7.
 */
duplicateRetentionDays?: number
}
/**
 * Sent by the suite to the role under test (test mode only) in PUT /conformance/hooks, answered 204. Pacing hook (national-center): cardProcessing holds its asynchronous card-batch processing at a chosen point so that a test can observe a batch in received or processing, and crash the center (SIGKILL) in the middle of a batch. Fault hook (any role): internalFailure makes the next requests on one interface fail inside the implementation, so that a test can see how the role answers an internal failure (GEN-ERR-003). The hooks in force replace the earlier ones as a whole and are cleared by POST /conformance/reset; {} releases everything. cardProcessing is kept in the data folder across restarts; internalFailure is not. A role that offers hooks lists their names in capabilities features.hooks and answers 400 naming the member for a hook it does not offer; a role that offers none answers 404 not-found. To make a card record fail, the suite submits it for a resident the center does not hold (it ends failed with unknown-resident): no hook is needed for that.
 */
export interface Hooks {
cardProcessing?: CardBatchProcessingHook
internalFailure?: InternalFailureHook
}
export interface CardBatchProcessingHook {
/**
 * none: process normally. received: every batch stored from now on stays in state received (no record decided) until the hold is lifted. processing: every batch moves to processing, decides at most decideBeforeHold of its records in request order, and then stays in processing with the rest pending until the hold is lifted. Lifting a hold (PUT with another value or {}) resumes every held batch.
 */
hold: ("none" | "received" | "processing")
/**
 * With hold processing: how many records of each batch are decided (and, when registered, durably registered) before the batch is held. Default 0.
 */
decideBeforeHold?: number
}
/**
 * The next count requests the role receives on interface (counted from the 204 answer, in the order their processing starts) fail inside the implementation as an unexpected internal error would: their processing throws where the role's own code runs, after the request is read, and the failure is answered as the role answers any internal failure (GEN-ERR-003); they have no other effect. After count such requests the hook is spent and the role serves that interface normally (GEN-UT-011). A PUT /conformance/hooks is never failed by it. Offered when capabilities features.hooks lists internal-failure.
 */
export interface InternalFailureHook {
interface: InterfaceName
/**
 * How many requests fail before the hook is spent.
 */
count: number
}
/**
 * Sent by the suite to the role under test (test mode only) in PUT /conformance/peers, answered 204: where each party the role talks to is served, usually the suite's mocks. The body replaces the whole peer table (a party left out falls back to the role's own configuration, not to an earlier PUT); the table is kept in the data folder across restarts and is not cleared by POST /conformance/reset. A party the role never talks to is accepted and ignored; a role MAY answer 400 naming /peers/<party> when a party it needs is missing. For the municipality party, municipalities gives a base URL per municipality code, so that one center can be pointed at many municipalities: a message for municipality M goes to municipalities[M].baseUrl when listed, otherwise to baseUrl.
 */
export interface Peers {
/**
 * Keyed by party name (specs/README.md, Roles).
 */
peers: {
[k: string]: PeerEndpoint
}
}
export interface PeerEndpoint {
/**
 * Absolute base URL (http or https, no query, no fragment); interface paths are appended to it. The format uri (an absolute RFC 3986 URI with a scheme) is an assertion (specs/README.md, Validation rules).
 */
baseUrl: string
/**
 * Only for the municipality party: base URLs per municipality code, overriding baseUrl for the messages of that municipality (registration notices, and reconciliation and re-drives that concern it).
 */
municipalities?: {
[k: string]: {
/**
 * Absolute base URL (http or https, no query, no fragment); interface paths are appended to it. The format uri (an absolute RFC 3986 URI with a scheme) is an assertion (specs/README.md, Validation rules).
 */
baseUrl: string
}
}
}
/**
 * Issue one certificate per entry; the authority then sends one certificate-issuance notice per certificate.
 */
export interface IssueCertificates {
kind: "issue-certificates"
/**
 * @minItems 1
 * @maxItems 10000
 */
certificates: [CertificateToIssue, ...(CertificateToIssue)[]]
}
export interface CertificateToIssue {
serialNumber?: CertificateSerialNumber
certificateType: CertificateType
residentCode: ResidentCode
municipalityCode: MunicipalityCode
items: FourBasicItems
/**
 * Validity period in days; the authority's default when absent.
 */
validityDays?: number
}
/**
 * Record these changes; the municipality assigns recordId, recordedAt and sequence and sends them as resident-changes.
 */
export interface ApplyResidentChanges {
kind: "apply-resident-changes"
/**
 * @minItems 1
 * @maxItems 10000
 */
changes: [ResidentChange, ...(ResidentChange)[]]
}
/**
 * Submit a card-production batch for these residents.
 */
export interface SubmitACardBatch {
kind: "submit-card-batch"
/**
 * @minItems 1
 * @maxItems 1000
 */
residentCodes: [ResidentCode, ...(ResidentCode)[]]
}
/**
 * Push these residents' current items to the issuance service as resident-sync.
 */
export interface PushAResidentSync {
kind: "push-resident-sync"
/**
 * @minItems 1
 * @maxItems 1000
 */
residents: [ResidentToSync, ...(ResidentToSync)[]]
}
export interface ResidentToSync {
residentCode: ResidentCode
items: FourBasicItems
householdId?: HouseholdId
}
/**
 * Sent by the role under test (test mode only) as the 202 answer to POST /conformance/stimulus: the recordIds it assigned, one per stimulus item in the same order, and for issue-certificates the serial numbers it issued, in the same order.
 */
export interface StimulusResult {
stimulusId: RecordId
kind: ("issue-certificates" | "apply-resident-changes" | "submit-card-batch" | "push-resident-sync")
/**
 * @minItems 1
 * @maxItems 10000
 */
recordIds: [RecordId, ...(RecordId)[]]
/**
 * @minItems 1
 * @maxItems 10000
 */
serialNumbers?: [CertificateSerialNumber, ...(CertificateSerialNumber)[]]
}
