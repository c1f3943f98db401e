import type { Finding } from '../report/report-model.ts';
import { problemTypeUri } from '../spec/problem-types.ts';
import { type IssuedAnswer, imageNotOwn, summarize } from './check-documents-own.ts';
import { defineCheck } from './define-check.ts';

/** A print held past the timeout is answered 504 `timeout` whenever the sync ran: no release. */
const timedOut = (answer: IssuedAnswer): boolean =>
  answer.status === 504 && (answer.body as { type?: unknown } | null)?.type === problemTypeUri('timeout');

export interface SyncLeavesPrintsInput {
  /** Requests whose print jobs were held in flight while a resident-sync was applied. */
  readonly inFlight: readonly IssuedAnswer[];
  /** The requestIds among them answered before the suite released any print result. */
  readonly answeredBeforeRelease: readonly string[];
}

/**
 * ISS-SYNC-004: a resident-sync applied while print jobs are in flight releases none of them
 * (no request is answered before its print was released, other than by its print timeout) and
 * changes no image (each document answered later still carries its own image).
 */
export const syncLeavesPrints = defineCheck<SyncLeavesPrintsInput>({
  name: 'sync-leaves-prints',
  requirements: ['ISS-SYNC-004'],
  judge({ inFlight, answeredBeforeRelease }): Finding[] {
    const early = new Set(answeredBeforeRelease);
    return [
      summarize(
        'ISS-SYNC-004',
        inFlight.map((answer) => ({
          answer,
          why:
            early.has(answer.request.requestId) && !timedOut(answer)
              ? `answered ${answer.status ?? 'nothing'} after the sync, before its print was released`
              : answer.status === 200
                ? imageNotOwn(answer)
                : undefined,
        })),
        'requests in flight across a sync, none released or given another image',
      ),
    ];
  },
});
