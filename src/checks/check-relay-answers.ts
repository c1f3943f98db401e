import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';
import { type Scheduled, upperBound } from './scheduling-allowance.ts';

/** One terminal message as the suite sent it through the relay and what came back. */
export interface RelayAnswer {
  /** The exchange that carried the message and its answer. */
  readonly refs: readonly EvidenceRef[];
  readonly messageId: string;
  readonly status: number | null;
  /** `messageId` of the forward-response the relay answered with; null for a problem or no answer. */
  readonly answeredMessageId: string | null;
  readonly durationMs: number;
}

export interface RelayTraffic extends Scheduled {
  readonly answers: readonly RelayAnswer[];
  /** The declared bound every message must be answered within (capabilities deliveryBoundMs). */
  readonly boundMs: number;
}

const short = (id: string) => id.slice(0, 8);

/**
 * Every message answered with a forward-response is answered with its own (RLY-FWD-006 and the
 * device matching of RLY-DEV-001 and GEN-TMO-005 say the same from their sides): a crossed answer
 * is the defect of INC-2016-RELAY. One check per requirement, so a test declares only what it judges.
 */
export function ownAnswersCheck(requirement: 'RLY-FWD-006' | 'RLY-DEV-001' | 'GEN-TMO-005') {
  return defineCheck<RelayTraffic>({
    name: `relay-own-answers:${requirement}`,
    requirements: [requirement],
    judge({ answers }): Finding {
      const answered = answers.filter((a) => a.answeredMessageId !== null);
      const crossed = answered.filter((a) => a.answeredMessageId !== a.messageId);
      if (answered.length === 0)
        return {
          requirement,
          verdict: 'inconclusive',
          message: `none of ${answers.length} messages was answered with a forward-response`,
          evidence: answers.flatMap((a) => a.refs),
        };
      return crossed.length === 0
        ? {
            requirement,
            verdict: 'pass',
            message: `each of ${answered.length} messages was answered with its own forward-response`,
            evidence: answered.flatMap((a) => a.refs),
          }
        : {
            requirement,
            verdict: 'fail',
            message: `${crossed.length} of ${answered.length} messages were answered with another message's response: ${crossed
              .slice(0, 5)
              .map((a) => `${short(a.messageId)} got ${short(a.answeredMessageId ?? '')}`)
              .join(', ')}`,
            evidence: crossed.flatMap((a) => a.refs),
          };
    },
  });
}

/**
 * Every message sent while nothing was done to it is answered 200 with its own forward-response
 * within the declared bound: the relay keeps serving others whatever happens around them.
 */
export function servedWithinCheck(requirement: string) {
  return defineCheck<RelayTraffic>({
    name: `relay-served-within:${requirement}`,
    requirements: [requirement],
    timeBound: true,
    judge({ answers, boundMs, schedulingDelay }): Finding {
      const bound = upperBound(boundMs, 0, schedulingDelay);
      const late = answers.filter(
        (a) => a.status !== 200 || a.answeredMessageId !== a.messageId || a.durationMs > bound.limitMs,
      );
      if (answers.length === 0)
        return {
          requirement,
          verdict: 'inconclusive',
          message: 'no message was sent meanwhile',
          evidence: [],
        };
      if (late.length === 0)
        return {
          requirement,
          verdict: 'pass',
          message: `all ${answers.length} messages were answered 200 with their own response within ${bound.text} (slowest ${Math.round(Math.max(...answers.map((a) => a.durationMs)))} ms)`,
          evidence: [...answers.flatMap((a) => a.refs), ...bound.evidence],
        };
      return {
        requirement,
        verdict: 'fail',
        message: `${late.length} of ${answers.length} messages were not answered 200 with their own response within ${bound.text}: ${late
          .slice(0, 5)
          .map((a) => `${short(a.messageId)} ${a.status ?? 'no answer'} after ${Math.round(a.durationMs)} ms`)
          .join(', ')}`,
        evidence: [...late.flatMap((a) => a.refs), ...bound.evidence],
      };
    },
  });
}
