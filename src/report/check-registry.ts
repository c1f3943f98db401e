import { checkBatchStatusOwner } from '../checks/check-batch-status-owner.ts';
import { checkCardBatchPolls } from '../checks/check-card-batch-polls.ts';
import { checkCardReconciliation } from '../checks/check-card-reconciliation.ts';
import { checkChangeOutcomes } from '../checks/check-change-outcomes.ts';
import { concurrentOwnData } from '../checks/check-concurrent-own-data.ts';
import {
  checkAcknowledgementsKept,
  checkDeadLettersKept,
  checkInFlightRedelivered,
} from '../checks/check-crash-survival.ts';
import { checkDigestRevocations } from '../checks/check-digest-revocations.ts';
import { documentVersions } from '../checks/check-document-versions.ts';
import { documentsOwn } from '../checks/check-documents-own.ts';
import { elapsedWithinCheck } from '../checks/check-elapsed-within.ts';
import {
  checkCardBatchAnswers,
  checkCardManagementAnswers,
  checkCardRegistration,
  checkChangeRefusals,
  checkIssuanceAnswers,
  checkSequenceScope,
} from '../checks/check-expected-answers.ts';
import { checkFinalNotices } from '../checks/check-final-notices.ts';
import {
  forbiddenJurisdiction,
  forbiddenNonKiosk,
  forbiddenRole,
} from '../checks/check-forbidden-refusal.ts';
import { handshakeAbuseCheck } from '../checks/check-handshake-abuse.ts';
import { latePrintDiscarded } from '../checks/check-late-print-discarded.ts';
import { checkLinkedRevocations } from '../checks/check-linked-revocations.ts';
import { checkNoticeDeadline } from '../checks/check-notice-deadline.ts';
import { checkNoticeRedelivery } from '../checks/check-notice-redelivery.ts';
import { overloadRefused } from '../checks/check-overload-refused.ts';
import { checkOwnMunicipalityCode } from '../checks/check-own-municipality-code.ts';
import { peerRefused } from '../checks/check-peer-refused.ts';
import { printFailClosed } from '../checks/check-print-fail-closed.ts';
import { ownAnswersCheck, servedWithinCheck } from '../checks/check-relay-answers.ts';
import { baselineCheck } from '../checks/check-relay-baseline.ts';
import { relayMessageLogged } from '../checks/check-relay-message-log.ts';
import { checkResidentOrder } from '../checks/check-resident-order.ts';
import { revocationPresenceCheck } from '../checks/check-revocation-presence.ts';
import { loggedSecretsConcealed, secretsConcealed } from '../checks/check-secrets-concealed.ts';
import { checkSequencePrecedence } from '../checks/check-sequence-precedence.ts';
import { serverVerified } from '../checks/check-server-verified.ts';
import { startRefused } from '../checks/check-start-refused.ts';
import { syncLeavesPrints } from '../checks/check-sync-leaves-prints.ts';
import { undeclaredRefused } from '../checks/check-undeclared-refused.ts';
import { upperTesterUnreachable } from '../checks/check-upper-tester-unreachable.ts';
import {
  answeredProblem,
  applyCheck,
  batchResultShape,
  type CheckDefinition,
  checkBackoffCeiling,
  checkBackoffRespected,
  checkBatchSize,
  checkDeadLetterCount,
  checkDeadLettersLogged,
  checkDeliveredWithin,
  checkFailedAttemptsLogged,
  checkLogCorrelation,
  checkNoPersonalData,
  checkNoResendAfterRejection,
  checkNoSecrets,
  checkReconciliationAgreement,
  checkReconciliationBalance,
  checkReconciliationCounting,
  checkReconciliationStable,
  checkRefusalDeadLettered,
  checkResendIdentity,
  checkRetryAfterHonoured,
  checkSentMessagesValid,
  checkTimeoutBound,
  checkUnusableAnswerRetried,
  correlationEchoed,
  fuzzAnswers,
  internalErrorConcealed,
  noPersonalDataInError,
  oversizedBodyRefused,
  problemBody,
  problemJson,
  recordOutcomes,
  refusalNamesField,
} from '../checks/index.ts';
import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { CheckInput, EvidenceRef, Finding } from './report-model.ts';

/** The entries a recorded reference names, from the test's evidence. */
export type ResolveEntries = (ledger: string, refs: readonly EvidenceRef[]) => LedgerEntry[];

/**
 * Runs a check again from the input its findings recorded; `requirements` are the requirement
 * ids those findings concluded on (a check made per requirement is made again for each).
 */
export type CheckRunner = (
  input: CheckInput,
  resolve: ResolveEntries,
  requirements: readonly string[],
) => Finding[];

const asList = (judged: Finding | readonly Finding[]): Finding[] =>
  Array.isArray(judged) ? [...(judged as readonly Finding[])] : [judged as Finding];

class InputMismatch extends Error {}

const definition =
  (check: CheckDefinition<never>): CheckRunner =>
  (input) => {
    if (input.kind !== 'value')
      throw new InputMismatch(`${check.name} takes a value input, got ${input.kind}`);
    return applyCheck(check as CheckDefinition<unknown>, input.value);
  };

/** A check made for one requirement (`refusalNamesField('GEN-VAL-001')`): made again for each recorded one. */
const perRequirement =
  (make: (requirement: string) => CheckDefinition<never>): CheckRunner =>
  (input, resolve, requirements) =>
    requirements.flatMap((requirement) => definition(make(requirement))(input, resolve, requirements));

// biome-ignore lint/suspicious/noExplicitAny: a registry holds checks of every signature
type AnyFunction = (...args: any[]) => Finding | readonly Finding[];

const ledger =
  (judge: AnyFunction): CheckRunner =>
  (input, resolve) => {
    if (input.kind !== 'ledger')
      throw new InputMismatch(`a ledger check takes a ledger input, got ${input.kind}`);
    return asList(judge(input.ledger, resolve(input.ledger, input.entries), ...input.args));
  };

const named =
  (judge: AnyFunction): CheckRunner =>
  (input) => {
    if (input.kind !== 'args') throw new InputMismatch(`a named check takes arguments, got ${input.kind}`);
    return asList(judge(...input.args));
  };

const definitions: CheckDefinition<never>[] = [
  relayMessageLogged,
  documentVersions,
  documentsOwn,
  latePrintDiscarded,
  overloadRefused,
  printFailClosed,
  syncLeavesPrints,
  checkCardBatchAnswers,
  checkCardBatchPolls,
  checkAcknowledgementsKept,
  checkDeadLettersKept,
  checkInFlightRedelivered,
  checkCardManagementAnswers,
  checkCardReconciliation,
  checkBatchStatusOwner,
  serverVerified,
  checkCardRegistration,
  checkChangeRefusals,
  checkFinalNotices,
  checkIssuanceAnswers,
  checkNoticeDeadline,
  checkOwnMunicipalityCode,
  checkResidentOrder,
  checkSequenceScope,
  checkChangeOutcomes,
  concurrentOwnData,
  checkDigestRevocations,
  checkLinkedRevocations,
  checkNoticeRedelivery,
  checkSequencePrecedence,
  batchResultShape,
  correlationEchoed,
  internalErrorConcealed,
  fuzzAnswers,
  noPersonalDataInError,
  oversizedBodyRefused,
  problemBody,
  problemJson,
  peerRefused,
  forbiddenRole,
  forbiddenJurisdiction,
  forbiddenNonKiosk,
  upperTesterUnreachable,
  undeclaredRefused,
  secretsConcealed,
  loggedSecretsConcealed,
  startRefused,
] as CheckDefinition<never>[];

/**
 * Every check of `src/checks` by the name its findings record, so `tekigo rejudge` can look a
 * check up and run it again. A new check is one line here; `check-registry.test.ts` fails until
 * it is added.
 */
export const CHECK_REGISTRY: ReadonlyMap<string, CheckRunner> = new Map<string, CheckRunner>([
  ...definitions.map((d) => [d.name, definition(d)] as const),
  [
    'revocation-presence',
    (input, resolve, requirements) =>
      definition(revocationPresenceCheck(requirements) as CheckDefinition<never>)(
        input,
        resolve,
        requirements,
      ),
  ],
  ['answered-problem', perRequirement(answeredProblem as (r: string) => CheckDefinition<never>)],
  ['record-outcomes', perRequirement(recordOutcomes as (r: string) => CheckDefinition<never>)],
  ['refusal-names-field', perRequirement(refusalNamesField as (r: string) => CheckDefinition<never>)],
  ['backoff-ceiling', ledger(checkBackoffCeiling)],
  ['backoff-respected', ledger(checkBackoffRespected)],
  ['batch-size', ledger(checkBatchSize)],
  ['delivered-within', ledger(checkDeliveredWithin)],
  ['no-resend-after-rejection', ledger(checkNoResendAfterRejection)],
  ['refusal-dead-lettered', ledger(checkRefusalDeadLettered)],
  ['resend-identity', ledger(checkResendIdentity)],
  ['retry-after-honoured', ledger(checkRetryAfterHonoured)],
  ['sent-messages-valid', ledger(checkSentMessagesValid)],
  ['timeout-bound', ledger(checkTimeoutBound)],
  ['unusable-answer-retried', ledger(checkUnusableAnswerRetried)],
  ['dead-letter-count', named(checkDeadLetterCount)],
  ['dead-letters-logged', named(checkDeadLettersLogged)],
  ['failed-attempts-logged', named(checkFailedAttemptsLogged)],
  ['log-correlation', named(checkLogCorrelation)],
  ['no-personal-data', named(checkNoPersonalData)],
  ['no-secrets', named(checkNoSecrets)],
  ['reconciliation-agreement', named(checkReconciliationAgreement)],
  ['reconciliation-balance', named(checkReconciliationBalance)],
  ['reconciliation-counting', named(checkReconciliationCounting)],
  ['reconciliation-stable', named(checkReconciliationStable)],
]);

/**
 * Checks made for one requirement whose name carries it (`relay-baseline:RLY-TMO-003`): the part
 * before the colon, made again for the requirement after it.
 */
const NAMED_PER_REQUIREMENT: ReadonlyMap<string, (requirement: string) => CheckDefinition<never>> = new Map([
  ['relay-own-answers', ownAnswersCheck as (requirement: string) => CheckDefinition<never>],
  ['relay-served-within', servedWithinCheck as (requirement: string) => CheckDefinition<never>],
  ['relay-baseline', baselineCheck as (requirement: string) => CheckDefinition<never>],
  ['elapsed-within', elapsedWithinCheck as (requirement: string) => CheckDefinition<never>],
  ['handshake-abuse', handshakeAbuseCheck as (requirement: string) => CheckDefinition<never>],
]);

/** The runner of the check a finding names, or undefined when no check of that name exists. */
export function checkRunner(name: string): CheckRunner | undefined {
  const exact = CHECK_REGISTRY.get(name);
  if (exact) return exact;
  const colon = name.indexOf(':');
  const make = colon > 0 ? NAMED_PER_REQUIREMENT.get(name.slice(0, colon)) : undefined;
  return make ? definition(make(name.slice(colon + 1))) : undefined;
}
