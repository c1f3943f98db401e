import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';

/** A message the suite sent and the log events the relay wrote, as recorded by the suite. */
export interface RelayMessageLog {
  readonly messages: readonly {
    readonly messageId: string;
    readonly correlationId: string;
    readonly ref: EvidenceRef;
  }[];
  /** The relay's JSON log events (parsed), recorded in an observation. */
  readonly events: readonly Record<string, unknown>[];
  readonly eventsRef: EvidenceRef;
}

const nonEmptyArray = (value: unknown) => Array.isArray(value) && value.length > 0;

/**
 * RLY-OBS-001: for every message, one log event carries its correlation id, messageId,
 * operationIds, the phases it reached with their durations, and its outcome.
 */
export const relayMessageLogged = defineCheck<RelayMessageLog>({
  name: 'relay-message-logged',
  requirements: ['RLY-OBS-001'],
  judge({ messages, events, eventsRef }): Finding {
    const missing = messages.filter(
      (m) =>
        !events.some(
          (e) =>
            e.correlationId === m.correlationId &&
            (e.messageId === m.messageId ||
              (Array.isArray(e.recordIds) && e.recordIds.includes(m.messageId))) &&
            nonEmptyArray(e.operationIds) &&
            nonEmptyArray(e.phases) &&
            (e.phases as unknown[]).every(
              (p) =>
                typeof (p as { phase?: unknown }).phase === 'string' &&
                typeof (p as { ms?: unknown }).ms === 'number',
            ) &&
            typeof e.outcome === 'string',
        ),
    );
    const evidence = [eventsRef, ...missing.map((m) => m.ref)];
    if (messages.length === 0)
      return {
        requirement: 'RLY-OBS-001',
        verdict: 'inconclusive',
        message: 'no message to look for',
        evidence,
      };
    return missing.length === 0
      ? {
          requirement: 'RLY-OBS-001',
          verdict: 'pass',
          message: `each of ${messages.length} messages has a log event with its correlation id, messageId, operationIds, timed phases and outcome`,
          evidence: [eventsRef, ...messages.map((m) => m.ref)],
        }
      : {
          requirement: 'RLY-OBS-001',
          verdict: 'fail',
          message: `${missing.length} of ${messages.length} messages have no log event with correlation id, messageId, operationIds, timed phases and outcome (e.g. correlation id ${missing[0]?.correlationId})`,
          evidence,
        };
  },
});
