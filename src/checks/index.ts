export { type BackoffCeiling, checkBackoffCeiling } from './check-backoff-ceiling.ts';
export { checkBatchSize } from './check-batch-size.ts';
export { checkDeadLetterCount, type DeadLetterState } from './check-dead-letter-count.ts';
export { checkDeadLettersLogged, type LoggedDeadLetter } from './check-dead-letters-logged.ts';
export { checkDeliveredWithin, type DeliveryExpectation } from './check-delivered-within.ts';
export { checkFailedAttemptsLogged } from './check-failed-attempts-logged.ts';
export { checkLogCorrelation } from './check-log-correlation.ts';
export { checkNoPersonalData, type PersonalData } from './check-no-personal-data.ts';
export { checkNoResendAfterRejection } from './check-no-resend-after-rejection.ts';
export { checkNoSecrets, type Disclosure } from './check-no-secrets.ts';
export {
  checkReconciliationAgreement,
  type ReconciliationEntries,
} from './check-reconciliation-agreement.ts';
export { checkReconciliationBalance } from './check-reconciliation-balance.ts';
export {
  type CountedRecord,
  checkReconciliationCounting,
  countedFromWire,
} from './check-reconciliation-counting.ts';
export { checkReconciliationStable } from './check-reconciliation-stable.ts';
export { checkRefusalDeadLettered, type DeadLetterView } from './check-refusal-dead-lettered.ts';
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
export { checkUnusableAnswerRetried } from './check-unusable-answer-retried.ts';
export { type LogEvent, parseLogEvents, type TargetLog } from './log-events.ts';
export { exchangesOf, type RecordAttempt, recordAttempts } from './record-attempts.ts';
