import { randomUUID } from 'node:crypto';
import { type Problem, problem } from '../../spec/problem-types.ts';
import type { HttpClient } from '../../transport/index.ts';
import { parseRetryAfterMs, type RetryPolicy, retryDelayMs } from './backoff.ts';
import { describeError } from './http-app.ts';
import type { Log } from './json-log.ts';
import type { Outbox, OutboxRecord, Resolution } from './outbox.ts';
import { type TurnResult, WorkLoop } from './work-loop.ts';

/**
 * Delivers one interface's outbox to its peer. Batches take only due records, oldest first, so a
 * record waiting out its backoff never holds back the others; a rejected record leaves the queue
 * for the dead letters at once; a whole-request failure (timeout, network error, 5xx, 429,
 * unreadable answer) backs off every record of that batch. One batch is in flight at a time.
 */
export interface SenderParameters {
  readonly requestTimeoutMs: number;
  readonly retry: RetryPolicy;
  readonly maxBatchSize: number;
}

/**
 * Known sender defects that replicas switch on, each checked at the one place it matters:
 * - `retry-forever`: a rejection counts as transient, there is no retry limit, and sending is
 *   strictly first-in first-out: once the oldest record has failed it is sent alone until it
 *   succeeds, and every record behind it waits (INC-2004-JPKI).
 * - `silent-drop`: a rejected record is deleted without a dead letter.
 * - `no-backoff`: retries after 10 ms, ignoring the backoff and Retry-After.
 * - `no-timeout`: calls wait 10 minutes instead of the declared timeout.
 * - `new-id-on-resend`: a retried record gets a fresh recordId.
 * - `refusal-retried`: a whole request refused with a 4xx is retried like a 5xx.
 * - `trust-unusable-answer`: a 200 whose body is not a usable batch-result counts as all accepted.
 * - `long-pause`: after three failed attempts a record waits 10 s, beyond the declared maxBackoffMs.
 * - `ignore-batch-size`: batches take up to 1 000 records whatever the declared maxBatchSize.
 * - `silent-dead-letters`: dead-lettering writes no log event.
 * - `terse-failure-log`: a failed attempt is logged without its peer, attempt number or cause.
 * - `uncorrelated-outbound`: requests carry a correlation id other than the one the logs use.
 * - `cached-peer-url`: the first base URL the peer had is used for good, whatever is set later.
 * - `fire-and-forget`: every record counts as delivered after its first attempt, whatever the answer.
 */
export const SENDER_DEFECTS = [
  'retry-forever',
  'silent-drop',
  'no-backoff',
  'no-timeout',
  'new-id-on-resend',
  'refusal-retried',
  'trust-unusable-answer',
  'long-pause',
  'ignore-batch-size',
  'silent-dead-letters',
  'terse-failure-log',
  'uncorrelated-outbound',
  'cached-peer-url',
  'fire-and-forget',
] as const;
export type SenderDefect = (typeof SENDER_DEFECTS)[number];

export interface OutboxSenderOptions {
  readonly outbox: Outbox;
  readonly interfaceName: string;
  /** The path on the peer, e.g. `/certificate-issuances`. */
  readonly path: string;
  /** Read before each batch; nothing is sent while it is undefined. */
  readonly peerBaseUrl: () => string | undefined;
  readonly parameters: SenderParameters;
  /** The batch-request body around the records. */
  readonly envelope: (records: readonly unknown[], batchId: string, sentAt: string) => unknown;
  /** Schema validation of a 200 answer (the batch-result message type). */
  readonly isValidResult: (body: unknown) => boolean;
  /**
   * For an interface whose answer is not a batch-result (a registration-notice acknowledgement):
   * reads a valid 200 answer as one, or undefined when it does not answer these records.
   */
  readonly toBatchResult?: (body: unknown, batchId: string, records: readonly OutboxRecord[]) => unknown;
  /** Where a batch goes when its peer's URL depends on the record (one municipality per record). */
  readonly baseUrlFor?: (record: OutboxRecord) => string | undefined;
  readonly client: HttpClient;
  readonly log: Log;
  readonly defects?: ReadonlySet<SenderDefect>;
  readonly random?: () => number;
}

interface BatchResult {
  readonly batchId: string;
  readonly results: readonly {
    recordId: string;
    outcome: 'accepted' | 'duplicate' | 'rejected';
    problem?: Problem;
  }[];
}

/** Why a whole request failed, as its log event states it (GEN-OBS-006). */
type FailureCause =
  | { readonly kind: 'timeout'; readonly phase: 'headers' | 'body' }
  | { readonly kind: 'network'; readonly code: string }
  | { readonly kind: 'status'; readonly status: number; readonly problemType?: string }
  | { readonly kind: 'unusable-answer'; readonly status: number };

type Attempt =
  | { readonly kind: 'answered'; readonly result: BatchResult }
  /** The peer refused the whole request for good (a 4xx other than 408 and 429): GEN-SEND-010. */
  | { readonly kind: 'refused'; readonly error: Problem; readonly cause: FailureCause }
  | {
      readonly kind: 'failed';
      readonly error: Problem;
      readonly cause: FailureCause;
      readonly retryAfterMs?: number;
    };

/** 4xx statuses that say "not now" rather than "never". */
const TRANSIENT_CLIENT_ERRORS = new Set([408, 429]);

const NO_BACKOFF_DELAY_MS = 10;
const NO_TIMEOUT_MS = 600_000;
const LONG_PAUSE_AFTER_FAILURES = 3;
const LONG_PAUSE_MS = 10_000;
const MAX_BATCH_RECORDS = 1_000;
// batch-result requires a problem with every rejection; this stands in only to keep the type total.
const UNEXPLAINED_REJECTION = problem('validation', { status: 422, title: 'Rejected without a problem' });

export class OutboxSender extends WorkLoop {
  readonly #options: OutboxSenderOptions;
  readonly #defects: ReadonlySet<SenderDefect>;
  #firstBaseUrl: string | undefined;

  constructor(options: OutboxSenderOptions) {
    super((error) =>
      options.log({
        event: 'sender-error',
        correlationId: randomUUID(),
        interface: options.interfaceName,
        error: describeError(error),
      }),
    );
    this.#options = options;
    this.#defects = options.defects ?? new Set();
  }

  /** Sends the next batch that is due, or says when to look again. */
  protected override async turn(): Promise<TurnResult> {
    const head = this.#options.baseUrlFor ? this.#nextBatch(Date.now()) : undefined;
    const first = head?.records[0];
    const baseUrl = first && this.#options.baseUrlFor ? this.#options.baseUrlFor(first) : this.#peerBaseUrl();
    const next = baseUrl === undefined ? { records: [] } : (head ?? this.#nextBatch(Date.now()));
    if (baseUrl === undefined || next.records.length === 0) return next.waitUntil;
    await this.#send(baseUrl, next.records);
    return 'again';
  }

  #peerBaseUrl(): string | undefined {
    if (this.#defects.has('cached-peer-url') && this.#firstBaseUrl !== undefined) return this.#firstBaseUrl;
    this.#firstBaseUrl = this.#options.peerBaseUrl();
    return this.#firstBaseUrl;
  }

  /** Which records go next, or when to look again. */
  #nextBatch(nowMs: number): { records: OutboxRecord[]; waitUntil?: number } {
    const { outbox, interfaceName } = this.#options;
    const { maxBatchSize } = this.#options.parameters;
    if (this.#defects.has('retry-forever')) {
      const queue = outbox.pending(interfaceName, maxBatchSize);
      const head = queue[0];
      if (!head) return { records: [] };
      if (head.nextAttemptAt > nowMs) return { records: [], waitUntil: head.nextAttemptAt };
      return { records: head.attempts > 0 ? [head] : queue };
    }
    const records = outbox.due(
      interfaceName,
      nowMs,
      this.#defects.has('ignore-batch-size') ? MAX_BATCH_RECORDS : maxBatchSize,
    );
    if (records.length > 0) return { records };
    const waitUntil = outbox.nextDueAt(interfaceName);
    return waitUntil === undefined ? { records: [] } : { records: [], waitUntil };
  }

  async #send(baseUrl: string, due: readonly OutboxRecord[]): Promise<void> {
    const { outbox, interfaceName, log } = this.#options;
    const parameters = this.#options.parameters;
    const records = this.#defects.has('new-id-on-resend')
      ? due.map((record) => (record.attempts > 0 ? outbox.renameRecord(record, randomUUID()) : record))
      : due;
    const batchId = randomUUID();
    const sentAt = new Date().toISOString();
    const recordIds = records.map((record) => record.recordId);
    const peer = records[0]?.peer ?? '';
    // Records retried together usually share their attempt number; the log names the highest.
    const attemptNumber = Math.max(...records.map((record) => record.attempts + 1));
    outbox.markAttempt(recordIds, sentAt);
    log({ event: 'batch-sent', correlationId: batchId, interface: interfaceName, batchId, recordIds });

    const { result: attempt, aborted } = await this.inFlight((signal) =>
      this.#post(baseUrl, batchId, sentAt, records, parameters, signal),
    );
    if (aborted) return;
    if (attempt.kind !== 'answered') {
      log({
        event: 'attempt-failed',
        correlationId: batchId,
        interface: interfaceName,
        ...(this.#defects.has('terse-failure-log')
          ? {}
          : { peer, batchId, attempt: attemptNumber, cause: attempt.cause, recordIds }),
      });
    }

    const nowMs = Date.now();
    const resolutions = records.map((record, i): Resolution => {
      if (this.#defects.has('fire-and-forget'))
        return { recordId: record.recordId, kind: 'answered', outcome: 'accepted' };
      const answer = attempt.kind === 'answered' ? attempt.result.results[i] : undefined;
      if (answer?.outcome === 'accepted' || answer?.outcome === 'duplicate')
        return { recordId: record.recordId, kind: 'answered', outcome: answer.outcome };
      const rejection =
        attempt.kind === 'refused'
          ? attempt.error
          : answer?.outcome === 'rejected'
            ? (answer.problem ?? UNEXPLAINED_REJECTION)
            : undefined;
      if (rejection && !this.#defects.has('retry-forever')) {
        return this.#defects.has('silent-drop')
          ? { recordId: record.recordId, kind: 'drop' }
          : { recordId: record.recordId, kind: 'dead', reason: 'rejected', error: rejection };
      }
      const error = attempt.kind === 'answered' ? (answer?.problem ?? UNEXPLAINED_REJECTION) : attempt.error;
      const failedAttempts = record.attemptsInRound + 1;
      if (failedAttempts >= parameters.retry.maxAttempts && !this.#defects.has('retry-forever')) {
        return { recordId: record.recordId, kind: 'dead', reason: 'retries-exhausted', error };
      }
      const retryAfterMs = attempt.kind === 'failed' ? attempt.retryAfterMs : undefined;
      const delayMs = this.#defects.has('no-backoff')
        ? NO_BACKOFF_DELAY_MS
        : this.#defects.has('long-pause') && failedAttempts >= LONG_PAUSE_AFTER_FAILURES
          ? LONG_PAUSE_MS
          : retryDelayMs(parameters.retry, failedAttempts, retryAfterMs, this.#options.random);
      return { recordId: record.recordId, kind: 'retry', nextAttemptAt: nowMs + delayMs, error };
    });
    const deadLetters = outbox.resolve(resolutions);
    log({
      event: 'batch-resolved',
      correlationId: batchId,
      interface: interfaceName,
      batchId,
      ...(attempt.kind === 'failed' && attempt.retryAfterMs !== undefined
        ? { retryAfterMs: attempt.retryAfterMs }
        : {}),
      outcomes: countKinds(resolutions),
    });
    if (this.#defects.has('silent-dead-letters')) return;
    // One event per dead letter, under the correlation id of its last attempt (GEN-DLQ-006).
    for (const letter of deadLetters) {
      log({
        event: 'dead-lettered',
        correlationId: batchId,
        interface: interfaceName,
        peer: letter.peer,
        recordId: letter.recordId,
        deadLetterId: letter.id,
        reason: letter.reason,
        attempts: letter.attempts,
        lastErrorType: letter.lastError.type,
      });
    }
  }

  async #post(
    baseUrl: string,
    batchId: string,
    sentAt: string,
    records: readonly OutboxRecord[],
    parameters: SenderParameters,
    signal: AbortSignal,
  ): Promise<Attempt> {
    const timeoutMs = this.#defects.has('no-timeout') ? NO_TIMEOUT_MS : parameters.requestTimeoutMs;
    let headersReceived = false;
    const body = JSON.stringify(
      this.#options.envelope(
        records.map((record) => record.payload),
        batchId,
        sentAt,
      ),
    );
    try {
      const response = await this.#options.client.fetch(
        `${baseUrl.replace(/\/+$/, '')}${this.#options.path}`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'x-correlation-id': this.#defects.has('uncorrelated-outbound') ? randomUUID() : batchId,
          },
          body,
          timeoutMs,
          signal,
        },
      );
      headersReceived = true;
      const text = await response.text();
      const { status } = response;
      const statusCause = (): FailureCause => {
        const problemType = peerProblemType(text);
        return problemType === undefined
          ? { kind: 'status', status }
          : { kind: 'status', status, problemType };
      };
      const refusal = status >= 400 && status < 500 && !TRANSIENT_CLIENT_ERRORS.has(status);
      if (refusal && !this.#defects.has('refusal-retried')) {
        return { kind: 'refused', error: peerProblem(text, status), cause: statusCause() };
      }
      if (status !== 200) {
        const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), Date.now());
        const error = problem('unavailable', {
          status: 502,
          title: 'Peer failed the request',
          detail: `the peer answered HTTP ${status}`,
        });
        return retryAfterMs === undefined
          ? { kind: 'failed', error, cause: statusCause() }
          : { kind: 'failed', error, cause: statusCause(), retryAfterMs };
      }
      const parsed = parseResult(text, this.#options.isValidResult);
      const toBatchResult = this.#options.toBatchResult;
      const result =
        parsed && toBatchResult
          ? (toBatchResult(parsed, batchId, records) as BatchResult | undefined)
          : parsed;
      if (!result || result.batchId !== batchId || !sameRecords(result, records)) {
        if (this.#defects.has('trust-unusable-answer')) {
          const accepted = records.map((record) => ({
            recordId: record.recordId,
            outcome: 'accepted' as const,
          }));
          return { kind: 'answered', result: { batchId, results: accepted } };
        }
        return {
          kind: 'failed',
          error: problem('unavailable', {
            status: 502,
            title: 'Unusable batch result',
            detail: 'the answer is not a valid batch-result with one result per record, in order',
          }),
          cause: { kind: 'unusable-answer', status },
        };
      }
      return { kind: 'answered', result };
    } catch (error) {
      const cause = (error as { cause?: unknown } | undefined)?.cause;
      const timedOut = errorName(error) === 'TimeoutError' || errorName(cause) === 'TimeoutError';
      return timedOut
        ? {
            kind: 'failed',
            error: problem('timeout', {
              title: 'Peer timed out',
              detail: `no complete answer within ${timeoutMs} ms`,
            }),
            cause: { kind: 'timeout', phase: headersReceived ? 'body' : 'headers' },
          }
        : {
            kind: 'failed',
            error: problem('unavailable', {
              status: 502,
              title: 'Peer unreachable',
              detail: describeError(error),
            }),
            cause: { kind: 'network', code: errorCode(cause) ?? errorName(error) ?? 'unknown' },
          };
    }
  }
}

/** The peer's own problem when it sent a usable one, so the dead letter says what the peer said. */
function peerProblem(text: string, status: number): Problem {
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (typeof body.type === 'string' && typeof body.title === 'string') {
      return { ...body, type: body.type, title: body.title, status } as Problem;
    }
  } catch {
    // Not JSON: fall through to a problem of our own.
  }
  return problem('unavailable', {
    status: status,
    title: 'Peer refused the request',
    detail: `the peer answered HTTP ${status} without a problem body`,
  });
}

/** The type of the peer's problem body, when it sent one. */
function peerProblemType(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}

function parseResult(text: string, isValid: (body: unknown) => boolean): BatchResult | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return isValid(body) ? (body as BatchResult) : undefined;
  } catch {
    return undefined;
  }
}

function sameRecords(result: BatchResult, records: readonly OutboxRecord[]): boolean {
  return (
    result.results.length === records.length &&
    result.results.every((entry, i) => entry.recordId === records[i]?.recordId)
  );
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : undefined;
}

/** A system or undici error code such as ECONNRESET or UND_ERR_SOCKET. */
function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function countKinds(resolutions: readonly Resolution[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { kind } of resolutions) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}
