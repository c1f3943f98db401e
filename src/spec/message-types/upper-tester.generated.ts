// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { CertificateSerialNumber, CertificateType, ChangedItems, ChangeType, EffectiveDate, FourBasicItems, HouseholdId, Implementation, InterfaceName, ItemsEachChangeTypeNeeds, MunicipalityCode, RecordId, ResidentCode, Role } from './common.generated.ts'

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
