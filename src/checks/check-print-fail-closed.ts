import type { Finding } from '../report/report-model.ts';
import { problemTypeUri } from '../spec/problem-types.ts';
import { type IssuedAnswer, summarize } from './check-documents-own.ts';
import { defineCheck } from './define-check.ts';

export interface PrintFailClosedInput {
  /** Requests whose print job the print service held past the declared print timeout. */
  readonly heldPastBound: readonly IssuedAnswer[];
  /** Requests answered while their print job had not been released (no `printed` status existed). */
  readonly answeredUnprinted: readonly IssuedAnswer[];
}

/**
 * ISS-REQ-004 and ISS-REQ-005: a request whose print job did not reach `printed` within the
 * bound fails closed with 504 `timeout`; no request is answered with a document before its own
 * print job was printed.
 */
export const printFailClosed = defineCheck<PrintFailClosedInput>({
  name: 'print-fail-closed',
  requirements: ['ISS-REQ-004', 'ISS-REQ-005'],
  judge({ heldPastBound, answeredUnprinted }): Finding[] {
    const timeout = problemTypeUri('timeout');
    const findings: Finding[] = [];
    if (heldPastBound.length > 0)
      findings.push(
        summarize(
          'ISS-REQ-004',
          heldPastBound.map((answer) => ({
            answer,
            why:
              answer.status === 504 && (answer.body as { type?: unknown } | null)?.type === timeout
                ? undefined
                : `answered ${answer.status ?? 'nothing'} although its print was held past the bound`,
          })),
          'requests whose print was held past the bound, each failed closed with 504 timeout',
        ),
      );
    findings.push(
      summarize(
        'ISS-REQ-005',
        [...heldPastBound, ...answeredUnprinted].map((answer) => ({
          answer,
          why:
            answer.status === 200 ? 'answered with a document before its print job was printed' : undefined,
        })),
        'requests whose print job was not printed, none answered with a document',
      ),
    );
    return findings;
  },
});
