import type { Finding } from '../report/report-model.ts';
import { type IssuedAnswer, summarize } from './check-documents-own.ts';
import { defineCheck } from './define-check.ts';

export interface LatePrintInput {
  /** Requests the service gave up on, whose print results the print service produced afterwards. */
  readonly abandoned: readonly IssuedAnswer[];
  /** Every request answered after those late results existed. */
  readonly later: readonly IssuedAnswer[];
}

/**
 * ISS-PRT-003: a print result that arrives after the service gave up is used for no request:
 * no later answer carries the document or image of an abandoned request.
 */
export const latePrintDiscarded = defineCheck<LatePrintInput>({
  name: 'late-print-discarded',
  requirements: ['ISS-PRT-003'],
  judge({ abandoned, later }): Finding[] {
    const gone = new Set(abandoned.map((a) => a.request.requestId));
    const carried = (answer: IssuedAnswer): string | undefined => {
      const doc = answer.body as {
        requestId?: unknown;
        printImage?: { embedded?: { requestId?: unknown } };
      } | null;
      if (answer.status !== 200) return undefined;
      for (const id of [doc?.requestId, doc?.printImage?.embedded?.requestId])
        if (typeof id === 'string' && gone.has(id))
          return `answered with the late print of abandoned request ${id}`;
      return undefined;
    };
    return [
      summarize(
        'ISS-PRT-003',
        later.map((answer) => ({ answer, why: carried(answer) })),
        `answers after ${gone.size} late print results, none carrying them`,
      ),
    ];
  },
});
