import type { EvidenceRef } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';

/** What the suite recorded about one oversized body it streamed (an observation in its ledger). */
export interface OversizedBody {
  /** The observation that holds these figures, and the raw exchange it describes. */
  readonly refs: readonly EvidenceRef[];
  readonly framing: 'content-length' | 'chunked';
  /** The spec's limit (GEN-VAL-002: 16 MiB). */
  readonly limitBytes: number;
  /** The size of the body the suite set out to send. */
  readonly bodyBytes: number;
  /** Body bytes handed to the connection before the answer came or the target stopped reading. */
  readonly sentBytes: number;
  /** The answer came before the last body byte was sent. */
  readonly answeredWhileSending: boolean;
  readonly status: number | null;
  readonly problemType: string | null;
}

/**
 * A receiver cannot know a body is too large before it has read one byte past the limit, and
 * the network buffers what the sender has written: a refusal is early only when the body goes
 * well past the limit. Below this margin over the limit, a refusal at the end proves nothing.
 */
export const OVERSIZE_MARGIN_BYTES = 8 * 1024 * 1024;

const PAYLOAD_TOO_LARGE = 'urn:tekigo:problem:payload-too-large';

/** GEN-VAL-002: a body over the limit is refused with 413 payload-too-large before it is complete. */
export const oversizedBodyRefused = defineCheck<OversizedBody>({
  name: 'oversized-body-refused',
  requirements: ['GEN-VAL-002'],
  judge(body) {
    const what = `a body of ${body.bodyBytes} bytes (${body.framing}, limit ${body.limitBytes})`;
    const answered = `answered ${body.status ?? 'nothing'} ${body.problemType ?? ''}`.trimEnd();
    const finding = { requirement: 'GEN-VAL-002', evidence: body.refs };
    if (body.status !== 413 || body.problemType !== PAYLOAD_TOO_LARGE) {
      return {
        ...finding,
        verdict: 'fail',
        message: `${what} was ${answered} after ${body.sentBytes} bytes (expected 413 ${PAYLOAD_TOO_LARGE})`,
      };
    }
    if (body.answeredWhileSending) {
      return {
        ...finding,
        verdict: 'pass',
        message: `${what} was ${answered} after ${body.sentBytes} bytes`,
      };
    }
    if (body.bodyBytes < body.limitBytes + OVERSIZE_MARGIN_BYTES) {
      return {
        ...finding,
        verdict: 'inconclusive',
        message: `${what} was ${answered} once it was complete; a body this close to the limit cannot show whether the refusal came before it ended`,
      };
    }
    return {
      ...finding,
      verdict: 'fail',
      message: `${what} was ${answered} only once all of it was sent, not while it was still arriving`,
    };
  },
});
