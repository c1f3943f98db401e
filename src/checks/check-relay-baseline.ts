import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';

/** The gauges of health/relay-metrics that must come back after a disturbance. */
export interface RelayGauges {
  readonly ref: EvidenceRef;
  readonly openConnections: number;
  readonly messagesInProgress: number;
}

export interface RelayBaseline {
  readonly before: RelayGauges;
  /** The last reading after the disturbance (the suite polls until back, or until it gives up). */
  readonly after: RelayGauges;
  /** How long the suite waited for the return, in ms. */
  readonly waitedMs: number;
}

/**
 * The relay's open connections and messages in progress return to their level before the
 * disturbance: what an abandoned or failed exchange held is released (RLY-TMO-003, RLY-MET-001,
 * RLY-SOAK-002 from their sides).
 */
export function baselineCheck(requirement: string) {
  return defineCheck<RelayBaseline>({
    name: `relay-baseline:${requirement}`,
    requirements: [requirement],
    judge({ before, after, waitedMs }): Finding {
      const evidence = [before.ref, after.ref];
      const back =
        after.openConnections <= before.openConnections &&
        after.messagesInProgress <= before.messagesInProgress;
      const figures = `open connections ${before.openConnections} → ${after.openConnections}, messages in progress ${before.messagesInProgress} → ${after.messagesInProgress}`;
      return back
        ? { requirement, verdict: 'pass', message: `back to baseline: ${figures}`, evidence }
        : {
            requirement,
            verdict: 'fail',
            message: `not back to baseline after ${waitedMs} ms: ${figures}`,
            evidence,
          };
    },
  });
}
