// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { CardSerial, IndividualNumber, MunicipalityCode, ProblemDetails, RecordId, ResidentCode, Timestamp } from './common.generated.ts'

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
