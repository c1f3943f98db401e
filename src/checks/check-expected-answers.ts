import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { type CheckDefinition, defineCheck } from './define-check.ts';

/** One answer a requirement fixes, summed up as a word (`accepted`, `rejected:conflict`, `404 unknown-batch`). */
export interface ExpectedAnswer {
  readonly requirement: string;
  readonly what: string;
  readonly expected: string;
  readonly answered: string | undefined;
  readonly ref: EvidenceRef;
}

/**
 * A check over answers whose requirement fixes them exactly: each answer must be the expected one.
 * One definition per group of requirements, so a test declares exactly what it judges.
 */
export function expectedAnswersCheck(
  name: string,
  requirements: readonly string[],
): CheckDefinition<readonly ExpectedAnswer[]> {
  return defineCheck<readonly ExpectedAnswer[]>({
    name,
    requirements,
    reads: (input) => input.map((a) => a.ref),
    judge: (input): Finding[] =>
      input.map((a) => ({
        requirement: a.requirement,
        verdict: a.answered === a.expected ? 'pass' : 'fail',
        message: `${a.what}: answered ${a.answered ?? 'nothing'} (expected ${a.expected})`,
        evidence: [a.ref],
      })),
  });
}

/** NC-CHG-001…004, NC-SEQ-003: the refusals of a resident change (d-rc-rules) and their order. */
export const checkChangeRefusals = expectedAnswersCheck('change-refusals', [
  'NC-CHG-001',
  'NC-CHG-002',
  'NC-CHG-003',
  'NC-CHG-004',
  'NC-SEQ-003',
]);

/** NC-SEQ-002/005: gaps hold nothing back; sequences are compared per resident and municipality. */
export const checkSequenceScope = expectedAnswersCheck('sequence-scope', ['NC-SEQ-002', 'NC-SEQ-005']);

/** NC-ISS-001/004: issuance notices for unknown residents and reused serials refused, others accepted. */
export const checkIssuanceAnswers = expectedAnswersCheck('issuance-answers', ['NC-ISS-001', 'NC-ISS-004']);

/** NC-CARD-001/006/007: the answers to a card batch, its re-send, a changed re-send and an unknown batch. */
export const checkCardBatchAnswers = expectedAnswersCheck('card-batch-answers', [
  'NC-CARD-001',
  'NC-CARD-006',
  'NC-CARD-007',
]);

/** NC-CARD-009: which card records are registered and which fail unknown-resident. */
export const checkCardRegistration = expectedAnswersCheck('card-registration', ['NC-CARD-009']);

/** NC-CMG-001/002: repeated messages answered alike, the card state machine and its refusals. */
export const checkCardManagementAnswers = expectedAnswersCheck('card-management-answers', [
  'NC-CMG-001',
  'NC-CMG-002',
]);
