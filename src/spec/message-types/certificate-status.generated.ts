// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { CertificateSerialNumber, RevocationReason, Timestamp } from './common.generated.ts'

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
