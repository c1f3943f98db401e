// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

export * from './message-types/card-production.generated.ts'
export * from './message-types/certificate-issuances.generated.ts'
export * from './message-types/certificate-requests.generated.ts'
export * from './message-types/certificate-status.generated.ts'
export * from './message-types/common.generated.ts'
export * from './message-types/crypto-device.generated.ts'
export * from './message-types/dead-letters.generated.ts'
export * from './message-types/health.generated.ts'
export * from './message-types/log.generated.ts'
export * from './message-types/print-jobs.generated.ts'
export * from './message-types/reconciliation.generated.ts'
export * from './message-types/registration-notices.generated.ts'
export * from './message-types/relay-forwarding.generated.ts'
export * from './message-types/resident-changes.generated.ts'
export * from './message-types/resident-sync.generated.ts'
export * from './message-types/revocation-requests.generated.ts'
export * from './message-types/upper-tester.generated.ts'

import type { CardProductionBatchAccepted, CardProductionBatchAsTheMunicipalitySOperatorSeesIt, CardProductionBatchRequest, CardProductionBatchStatus } from './message-types/card-production.generated.ts'
import type { BatchResult, CertificateIssuanceBatchRequest } from './message-types/certificate-issuances.generated.ts'
import type { CertificateRequest, CertificateResponse } from './message-types/certificate-requests.generated.ts'
import type { CertificateStatusResponse } from './message-types/certificate-status.generated.ts'
import type { BatchResult1, FourBasicItems, IndividualNumber, InterfaceName, MunicipalityCode, Party, ProblemDetails, ReconciliationCounts, RecordId, RecordResult, ResidentCode, Role, Timestamp } from './message-types/common.generated.ts'
import type { CryptoDeviceSealRequest, CryptoDeviceSealResponse, CryptoDeviceUnsealRequest, CryptoDeviceUnsealResponse } from './message-types/crypto-device.generated.ts'
import type { DeadLetterList, ReDriveResult } from './message-types/dead-letters.generated.ts'
import type { Health, RelayMetrics } from './message-types/health.generated.ts'
import type { LogEvent } from './message-types/log.generated.ts'
import type { PrintJobRequest, PrintJobStatus } from './message-types/print-jobs.generated.ts'
import type { ReconciliationReport } from './message-types/reconciliation.generated.ts'
import type { RegistrationNotice, RegistrationNoticeAcknowledgement } from './message-types/registration-notices.generated.ts'
import type { RelayForwardRequest, RelayForwardResponse } from './message-types/relay-forwarding.generated.ts'
import type { BatchResult2, ResidentChangeBatchRequest } from './message-types/resident-changes.generated.ts'
import type { BatchResult3, ResidentSyncBatchRequest } from './message-types/resident-sync.generated.ts'
import type { BatchResult4, RevocationBatchRequest } from './message-types/revocation-requests.generated.ts'
import type { Capabilities, Hooks, Peers, StimulusRequest, StimulusResult } from './message-types/upper-tester.generated.ts'

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
