import type { EvidenceRef } from '../report/report-model.ts';
import { expectedAnswersCheck } from './check-expected-answers.ts';

/** One record whose answer a requirement fixes, as the receiver answered it. */
export interface ExpectedOutcome {
  readonly requirement: 'NC-SEQ-001' | 'GEN-IDEM-001' | 'GEN-IDEM-002';
  readonly what: string;
  /** The outcome the requirement asks for, e.g. `duplicate` or `rejected:stale-sequence`. */
  readonly expected: string;
  readonly answered: string | undefined;
  readonly ref: EvidenceRef;
}

/**
 * NC-SEQ-001, GEN-IDEM-001, GEN-IDEM-002 over per-record answers: a change older than the
 * resident's state is rejected stale-sequence, a re-delivery is a duplicate, the same recordId
 * with other content is a conflict.
 */
export const checkChangeOutcomes = expectedAnswersCheck('change-outcomes', [
  'NC-SEQ-001',
  'GEN-IDEM-001',
  'GEN-IDEM-002',
]);
