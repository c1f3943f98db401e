import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';

/** One generated case as sent and answered: which rule it meets, the answer, where it is. */
export interface FuzzAnswer {
  /** `valid` (schema and text rules met), `invalid` (the schema refuses it), `text` (only a text rule does). */
  readonly kind: 'valid' | 'invalid' | 'text';
  readonly status: number | null;
  readonly problemType: string | null;
  /** What the case changed in the valid message, e.g. `/records/0/reason = "x"`. */
  readonly changes: readonly string[];
  readonly evidence: readonly EvidenceRef[];
}

export interface FuzzAnswers {
  /** The interface and the seed the cases were drawn with, for the finding and a re-run. */
  readonly interface: string;
  readonly seed: number;
  readonly cases: readonly FuzzAnswer[];
}

/** Statuses a receiver may give when overloaded or unavailable (GEN-VAL-014's one exception). */
const UNAVAILABLE = 503;

const serverError = (c: FuzzAnswer) => c.status === null || (c.status >= 500 && c.status !== UNAVAILABLE);
const validRefused = (c: FuzzAnswer) => c.kind === 'valid' && c.status === 400;
// GEN-VAL-001: 400; 413 where a change made the message larger than the receiver takes (GEN-VAL-010).
const invalidAccepted = (c: FuzzAnswer) =>
  c.kind === 'invalid' && !serverError(c) && c.status !== 400 && c.status !== 413;

const MAX_CITED = 5;

function finding(
  requirement: string,
  input: FuzzAnswers,
  judged: readonly FuzzAnswer[],
  failed: readonly FuzzAnswer[],
  what: string,
): Finding {
  const head = `${input.interface}, seed ${input.seed}: ${judged.length} ${what}`;
  const cited = failed.slice(0, MAX_CITED);
  return {
    requirement,
    verdict: failed.length === 0 ? 'pass' : 'fail',
    message:
      failed.length === 0
        ? `${head}, each answered as the spec requires`
        : `${head}, ${failed.length} answered wrongly, e.g. ${cited
            .map((c) => `${c.changes.join(' and ')} → ${c.status ?? 'no answer'}`)
            .join('; ')}`,
    evidence: (failed.length > 0 ? cited : judged.slice(0, MAX_CITED)).flatMap((c) => c.evidence),
  };
}

/**
 * Schema-derived cases (GEN-VAL-014, GEN-VAL-001): no case answered 5xx (503 excepted) or left
 * unanswered; no valid case refused 400; every schema-invalid case refused 400 (or 413).
 */
export const fuzzAnswers = defineCheck<FuzzAnswers>({
  name: 'fuzz-answers',
  requirements: ['GEN-VAL-014', 'GEN-VAL-001'],
  judge(input): Finding[] {
    const { cases } = input;
    const invalid = cases.filter((c) => c.kind === 'invalid');
    const counts = `cases (${cases.filter((c) => c.kind === 'valid').length} valid, ${invalid.length} schema-invalid, ${cases.filter((c) => c.kind === 'text').length} breaking a text rule)`;
    return [
      finding(
        'GEN-VAL-014',
        input,
        cases,
        cases.filter((c) => serverError(c) || validRefused(c)),
        counts,
      ),
      ...(invalid.length > 0
        ? [finding('GEN-VAL-001', input, invalid, invalid.filter(invalidAccepted), 'schema-invalid cases')]
        : []),
    ];
  },
});
