export { checkDeliveredWithin, type DeliveryExpectation } from './check-delivered-within.ts';
export { checkNoResendAfterRejection } from './check-no-resend-after-rejection.ts';
export {
  checkReconciliationAgreement,
  type ReconciliationEntries,
} from './check-reconciliation-agreement.ts';
export { checkResendIdentity } from './check-resend-identity.ts';
export {
  checkBackoffRespected,
  checkRetryAfterHonoured,
  minimumBackoffMs,
  type RetryPolicy,
  retryAfterMs,
} from './check-retry-spacing.ts';
export { checkSentMessagesValid } from './check-sent-messages-valid.ts';
export { checkTimeoutBound } from './check-timeout-bound.ts';
export { exchangesOf, type RecordAttempt, recordAttempts } from './record-attempts.ts';
