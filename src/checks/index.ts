import { checkBackoffCeiling as checkBackoffCeilingJudge } from './check-backoff-ceiling.ts';
import { checkBatchSize as checkBatchSizeJudge } from './check-batch-size.ts';
import { checkDeadLetterCount as checkDeadLetterCountJudge } from './check-dead-letter-count.ts';
import { checkDeadLettersLogged as checkDeadLettersLoggedJudge } from './check-dead-letters-logged.ts';
import { checkDeliveredWithin as checkDeliveredWithinJudge } from './check-delivered-within.ts';
import { checkFailedAttemptsLogged as checkFailedAttemptsLoggedJudge } from './check-failed-attempts-logged.ts';
import { checkLogCorrelation as checkLogCorrelationJudge } from './check-log-correlation.ts';
import { checkNoPersonalData as checkNoPersonalDataJudge } from './check-no-personal-data.ts';
import { checkNoResendAfterRejection as checkNoResendAfterRejectionJudge } from './check-no-resend-after-rejection.ts';
import { checkNoSecrets as checkNoSecretsJudge } from './check-no-secrets.ts';
import { checkReconciliationAgreement as checkReconciliationAgreementJudge } from './check-reconciliation-agreement.ts';
import { checkReconciliationBalance as checkReconciliationBalanceJudge } from './check-reconciliation-balance.ts';
import { checkReconciliationCounting as checkReconciliationCountingJudge } from './check-reconciliation-counting.ts';
import { checkReconciliationStable as checkReconciliationStableJudge } from './check-reconciliation-stable.ts';
import { checkRefusalDeadLettered as checkRefusalDeadLetteredJudge } from './check-refusal-dead-lettered.ts';
import { checkResendIdentity as checkResendIdentityJudge } from './check-resend-identity.ts';
import {
  checkBackoffRespected as checkBackoffRespectedJudge,
  checkRetryAfterHonoured as checkRetryAfterHonouredJudge,
} from './check-retry-spacing.ts';
import { checkSentMessagesValid as checkSentMessagesValidJudge } from './check-sent-messages-valid.ts';
import { checkTimeoutBound as checkTimeoutBoundJudge } from './check-timeout-bound.ts';
import { checkUnusableAnswerRetried as checkUnusableAnswerRetriedJudge } from './check-unusable-answer-retried.ts';
import { ledgerCheck, namedCheck } from './define-check.ts';

export type { BackoffCeiling } from './check-backoff-ceiling.ts';

export type { DeadLetterState } from './check-dead-letter-count.ts';
export type { LoggedDeadLetter } from './check-dead-letters-logged.ts';
export type { DeliveryExpectation } from './check-delivered-within.ts';

export type { PersonalData } from './check-no-personal-data.ts';
export { unreadRejections } from './check-no-resend-after-rejection.ts';
export type { Disclosure } from './check-no-secrets.ts';
export type { ReconciliationEntries } from './check-reconciliation-agreement.ts';
export { type CountedRecord, countedFromWire } from './check-reconciliation-counting.ts';
export type { DeadLetterView } from './check-refusal-dead-lettered.ts';
export { minimumBackoffMs, type RetryPolicy, retryAfterMs } from './check-retry-spacing.ts';
export { applyCheck, type CheckDefinition, cite, defineCheck, refsOf } from './define-check.ts';
export { type LogEvent, parseLogEvents, type TargetLog } from './log-events.ts';
export { exchangesOf, type RecordAttempt, recordAttempts } from './record-attempts.ts';
export const checkBackoffCeiling = ledgerCheck('backoff-ceiling', checkBackoffCeilingJudge);
export const checkBatchSize = ledgerCheck('batch-size', checkBatchSizeJudge);
export const checkDeadLetterCount = namedCheck('dead-letter-count', checkDeadLetterCountJudge);
export const checkDeadLettersLogged = namedCheck('dead-letters-logged', checkDeadLettersLoggedJudge);
export const checkDeliveredWithin = ledgerCheck('delivered-within', checkDeliveredWithinJudge);
export const checkFailedAttemptsLogged = namedCheck('failed-attempts-logged', checkFailedAttemptsLoggedJudge);
export const checkLogCorrelation = namedCheck('log-correlation', checkLogCorrelationJudge);
export const checkNoPersonalData = namedCheck('no-personal-data', checkNoPersonalDataJudge);
export const checkNoResendAfterRejection = ledgerCheck(
  'no-resend-after-rejection',
  checkNoResendAfterRejectionJudge,
);
export const checkNoSecrets = namedCheck('no-secrets', checkNoSecretsJudge);
export const checkReconciliationAgreement = namedCheck(
  'reconciliation-agreement',
  checkReconciliationAgreementJudge,
);
export const checkReconciliationBalance = namedCheck(
  'reconciliation-balance',
  checkReconciliationBalanceJudge,
);
export const checkReconciliationCounting = namedCheck(
  'reconciliation-counting',
  checkReconciliationCountingJudge,
);
export const checkReconciliationStable = namedCheck('reconciliation-stable', checkReconciliationStableJudge);
export const checkRefusalDeadLettered = ledgerCheck('refusal-dead-lettered', checkRefusalDeadLetteredJudge);
export const checkResendIdentity = ledgerCheck('resend-identity', checkResendIdentityJudge);
export const checkBackoffRespected = ledgerCheck('backoff-respected', checkBackoffRespectedJudge);
export const checkRetryAfterHonoured = ledgerCheck('retry-after-honoured', checkRetryAfterHonouredJudge);
export const checkSentMessagesValid = ledgerCheck('sent-messages-valid', checkSentMessagesValidJudge);
export const checkTimeoutBound = ledgerCheck('timeout-bound', checkTimeoutBoundJudge);
export const checkUnusableAnswerRetried = ledgerCheck(
  'unusable-answer-retried',
  checkUnusableAnswerRetriedJudge,
);
export {
  answeredProblem,
  batchResultShape,
  correlationEchoed,
  noPersonalDataInError,
  outcomesOf,
  pointerNames,
  problemJson,
  recordOutcomes,
  refusalNamesField,
} from './check-answer-judgements.ts';
export { type FuzzAnswer, type FuzzAnswers, fuzzAnswers } from './check-fuzz-answers.ts';
export { INTERNALS, internalErrorConcealed, stringsOf } from './check-internal-error-concealed.ts';
export {
  OVERSIZE_MARGIN_BYTES,
  type OversizedBody,
  oversizedBodyRefused,
} from './check-oversized-body-refused.ts';
export { type ProblemAnswer, problemBody } from './check-problem-body.ts';
