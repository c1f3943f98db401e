// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { PrintImage, ProblemDetails, RecordId, Timestamp } from './common.generated.ts'

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
