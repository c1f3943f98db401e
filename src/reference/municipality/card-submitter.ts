import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { type Problem, problem } from '../../spec/problem-types.ts';
import type { HttpClient } from '../../transport/index.ts';
import { parseRetryAfterMs, retryDelayMs } from '../shared/backoff.ts';
import { inTransaction } from '../shared/database.ts';
import { describeError } from '../shared/http-app.ts';
import type { Log } from '../shared/json-log.ts';
import type { Outbox, Resolution } from '../shared/outbox.ts';
import type { Peers } from '../shared/peers.ts';
import type { ValidateFields } from '../shared/validation.ts';
import { type TurnResult, WorkLoop } from '../shared/work-loop.ts';
import { CARD_PRODUCTION, CENTER, type MunicipalityParameters } from './capabilities.ts';
import { type CardBatches, type CenterStatus, type StoredBatch, TERMINAL_STATES } from './card-batches.ts';
import type { MunicipalitySeams } from './seams.ts';

export interface CardSubmitterOptions {
  readonly db: DatabaseSync;
  readonly outbox: Outbox;
  readonly cards: CardBatches;
  readonly peers: Peers;
  readonly parameters: MunicipalityParameters;
  readonly seams: MunicipalitySeams;
  readonly validate: ValidateFields;
  readonly client: HttpClient;
  readonly log: Log;
  readonly random?: () => number;
}

type Answer =
  | {
      readonly kind: 'answered';
      readonly status: number;
      readonly body: unknown;
      readonly retryAfterMs?: number;
    }
  | { readonly kind: 'failed'; readonly cause: Record<string, unknown>; readonly error: Problem };

/** 4xx statuses that say "not now" rather than "never". */
const TRANSIENT_CLIENT_ERRORS = new Set([408, 429]);

/**
 * Submits card-production batches, follows each one's status until it is terminal (MUN-CARD-001,
 * MUN-CARD-002) and chases a final registration notice that does not come (MUN-NOT-003,
 * MUN-NOT-005). A batch's records are in the outbox, so a submission is retried, dead-lettered,
 * re-driven and reconciled like any other send; the batch goes whole, with its own batchId, on
 * every attempt. One request is in flight at a time.
 */
export class CardSubmitter extends WorkLoop {
  readonly #o: CardSubmitterOptions;

  constructor(options: CardSubmitterOptions) {
    super((error) =>
      options.log({
        event: 'sender-error',
        level: 'error',
        correlationId: randomUUID(),
        interface: CARD_PRODUCTION,
        error: describeError(error),
      }),
    );
    this.#o = options;
  }

  protected override async turn(): Promise<TurnResult> {
    return (await this.#step(Date.now())) ? 'again' : this.#nextWakeAt();
  }

  /** Does the most urgent piece of work, if any is due; false when nothing was. */
  async #step(nowMs: number): Promise<boolean> {
    const { outbox, cards, peers } = this.#o;
    const baseUrl = peers.baseUrl(CENTER);
    if (baseUrl === undefined) return false;
    const due = outbox.due(CARD_PRODUCTION, nowMs, 1)[0];
    const dueBatch = due ? cards.batchOf(due.recordId) : undefined;
    if (dueBatch) {
      await this.#submit(baseUrl, dueBatch);
      return true;
    }
    const poll = cards.polled().find((batch) => batch.nextPollAt <= nowMs);
    if (poll) {
      await this.#poll(baseUrl, poll);
      return true;
    }
    const late = this.#o.seams.chasesMissingNotices
      ? cards.awaitingNotice().find((batch) => this.#deadlineOf(batch) <= nowMs)
      : undefined;
    if (late) {
      await this.#reportMissing(baseUrl, late);
      return true;
    }
    return false;
  }

  #deadlineOf(batch: StoredBatch): number {
    const { deliveryBoundMs } = this.#o.parameters;
    return Date.parse(batch.terminalReadAt ?? '') + deliveryBoundMs * this.#o.seams.noticeDeadlineShare;
  }

  #nextWakeAt(): number | undefined {
    const { outbox, cards, seams } = this.#o;
    const times = [outbox.nextDueAt(CARD_PRODUCTION), cards.nextPollAt()];
    if (seams.chasesMissingNotices) times.push(...cards.awaitingNotice().map((b) => this.#deadlineOf(b)));
    const known = times.filter((t): t is number => t !== undefined && Number.isFinite(t));
    return known.length === 0 ? undefined : Math.min(...known);
  }

  /** Submits a batch (all its records, under its batchId) and decides its pending records. */
  async #submit(baseUrl: string, batchId: string): Promise<void> {
    const { outbox, cards, parameters, log, validate } = this.#o;
    const batch = cards.get(batchId);
    if (!batch) return;
    const pending = outbox
      .pending(CARD_PRODUCTION, 100_000)
      .filter((record) => cards.batchOf(record.recordId) === batchId);
    if (pending.length === 0) return;
    const sentAt = new Date().toISOString();
    const recordIds = pending.map((record) => record.recordId);
    const attemptNumber = Math.max(...pending.map((record) => record.attempts + 1));
    outbox.markAttempt(recordIds, sentAt);
    const correlationId = randomUUID();
    log({ event: 'card-batch-sent', correlationId, interface: CARD_PRODUCTION, batchId, recordIds });
    const answer = await this.#call(baseUrl, '/card-batches', correlationId, 'POST', {
      ...batch.request,
      sentAt,
    });
    if (answer === undefined) return;
    const nowMs = Date.now();
    const accepted =
      answer.kind === 'answered' &&
      answer.status === 202 &&
      validate('card-production/batch-accepted', answer.body).length === 0 &&
      (answer.body as { batchId: string }).batchId === batchId;
    if (accepted) {
      inTransaction(this.#o.db, () => {
        outbox.resolve(
          pending.map((r): Resolution => ({ recordId: r.recordId, kind: 'answered', outcome: 'accepted' })),
        );
        cards.markSubmitted(
          batchId,
          (answer.body as { statusUrl: string }).statusUrl,
          nowMs + this.#pollIntervalMs(),
          sentAt,
        );
      });
      log({ event: 'card-batch-accepted', correlationId, interface: CARD_PRODUCTION, batchId, recordIds });
      return;
    }
    const refused =
      answer.kind === 'answered' &&
      answer.status >= 400 &&
      answer.status < 500 &&
      !TRANSIENT_CLIENT_ERRORS.has(answer.status);
    const cause =
      answer.kind === 'failed'
        ? answer.cause
        : { kind: 'status', status: answer.status, problemType: problemTypeOf(answer.body) };
    const error =
      answer.kind === 'failed'
        ? answer.error
        : refused
          ? peerProblem(answer.body, answer.status)
          : problem('unavailable', {
              status: 502,
              title: 'Peer failed the request',
              detail: `the peer answered HTTP ${answer.status}`,
            });
    log({
      event: 'attempt-failed',
      level: 'warn',
      correlationId,
      interface: CARD_PRODUCTION,
      peer: CENTER,
      batchId,
      attempt: attemptNumber,
      cause,
      recordIds,
    });
    const retryAfterMs = answer.kind === 'answered' ? answer.retryAfterMs : undefined;
    const resolutions = pending.map((record): Resolution => {
      if (refused) return { recordId: record.recordId, kind: 'dead', reason: 'rejected', error };
      const failedAttempts = record.attemptsInRound + 1;
      if (failedAttempts >= parameters.retry.maxAttempts)
        return { recordId: record.recordId, kind: 'dead', reason: 'retries-exhausted', error };
      const delayMs = retryDelayMs(parameters.retry, failedAttempts, retryAfterMs, this.#o.random);
      return { recordId: record.recordId, kind: 'retry', nextAttemptAt: nowMs + delayMs, error };
    });
    const letters = outbox.resolve(resolutions);
    if (refused) cards.markRefused(batchId, new Date().toISOString());
    for (const letter of letters) {
      log({
        event: 'dead-lettered',
        level: 'error',
        correlationId,
        interface: CARD_PRODUCTION,
        peer: letter.peer,
        recordId: letter.recordId,
        deadLetterId: letter.id,
        reason: letter.reason,
        attempts: letter.attempts,
        lastErrorType: letter.lastError.type,
      });
    }
  }

  #pollIntervalMs(): number {
    return this.#o.parameters.retry.initialBackoffMs * this.#o.seams.pollShare;
  }

  /** Reads a batch's status; a terminal one starts the notice deadline (MUN-NOT-003). */
  async #poll(baseUrl: string, batch: StoredBatch): Promise<void> {
    const { cards, validate, log } = this.#o;
    const correlationId = randomUUID();
    const answer = await this.#read(baseUrl, batch, correlationId);
    if (answer === undefined) return;
    const nowMs = Date.now();
    const nextPollAt =
      nowMs + Math.max(this.#pollIntervalMs(), answer.kind === 'answered' ? (answer.retryAfterMs ?? 0) : 0);
    if (
      answer.kind !== 'answered' ||
      answer.status !== 200 ||
      validate('card-production/batch-status', answer.body).length > 0
    ) {
      cards.postponePoll(batch.batchId, nextPollAt);
      return;
    }
    const status = answer.body as CenterStatus;
    const inconsistency = this.#o.seams.checksStatusConsistency
      ? inconsistencyOf(status, cards.records(batch.batchId).length)
      : undefined;
    if (inconsistency) {
      // Not taken as completed (MUN-CARD-003): read again later.
      log({
        event: 'card-batch-status-inconsistent',
        level: 'error',
        correlationId,
        interface: CARD_PRODUCTION,
        batchId: batch.batchId,
        detail: inconsistency,
      });
      cards.postponePoll(batch.batchId, nextPollAt);
      return;
    }
    cards.applyStatus(batch.batchId, status, nextPollAt, new Date().toISOString());
    if (TERMINAL_STATES.has(status.state))
      log({
        event: 'card-batch-terminal',
        correlationId,
        interface: CARD_PRODUCTION,
        batchId: batch.batchId,
        state: status.state,
        counts: status.counts,
      });
  }

  /** The final notice did not come in time: log it, show it, and read the status once more. */
  async #reportMissing(baseUrl: string, batch: StoredBatch): Promise<void> {
    const correlationId = randomUUID();
    this.#o.cards.markMissing(batch.batchId, new Date().toISOString());
    this.#o.log({
      event: 'registration-notice-missing',
      level: 'error',
      correlationId,
      interface: CARD_PRODUCTION,
      batchId: batch.batchId,
      terminalReadAt: batch.terminalReadAt,
    });
    await this.#read(baseUrl, batch, correlationId);
  }

  #read(baseUrl: string, batch: StoredBatch, correlationId: string): Promise<Answer | undefined> {
    const path = batch.statusUrl ?? `/card-batches/${batch.batchId}`;
    return this.#call(baseUrl, path, correlationId, 'GET');
  }

  /** One request; undefined when it was abandoned (reset or stop). */
  async #call(
    baseUrl: string,
    path: string,
    correlationId: string,
    method: 'GET' | 'POST',
    body?: unknown,
  ): Promise<Answer | undefined> {
    const { result } = await this.inFlight((signal) =>
      this.#request(baseUrl, path, correlationId, method, body, signal),
    );
    return result;
  }

  async #request(
    baseUrl: string,
    path: string,
    correlationId: string,
    method: 'GET' | 'POST',
    body: unknown,
    signal: AbortSignal,
  ): Promise<Answer | undefined> {
    const { requestTimeoutMs } = this.#o.parameters;
    let headersReceived = false;
    try {
      const response = await this.#o.client.fetch(new URL(path, withSlash(baseUrl)).toString(), {
        method,
        headers: {
          accept: 'application/json',
          'x-correlation-id': correlationId,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        timeoutMs: requestTimeoutMs,
        signal,
      });
      headersReceived = true;
      const text = await response.text();
      const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), Date.now());
      return {
        kind: 'answered',
        status: response.status,
        body: parseJson(text),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    } catch (error) {
      if (signal.aborted) return undefined;
      const timedOut = /TimeoutError/.test(
        `${(error as Error)?.name} ${(error as { cause?: Error })?.cause?.name}`,
      );
      return timedOut
        ? {
            kind: 'failed',
            cause: { kind: 'timeout', phase: headersReceived ? 'body' : 'headers' },
            error: problem('timeout', {
              title: 'Peer timed out',
              detail: `no complete answer within ${requestTimeoutMs} ms`,
            }),
          }
        : {
            kind: 'failed',
            cause: { kind: 'network', code: errorCode(error) },
            error: problem('unavailable', {
              status: 502,
              title: 'Peer unreachable',
              detail: describeError(error),
            }),
          };
    }
  }
}

/** Why a status cannot be taken as it says (MUN-CARD-003), or undefined when it can. */
function inconsistencyOf(status: CenterStatus, recordCount: number): string | undefined {
  const count = (outcome: string) => status.records.filter((r) => r.outcome === outcome).length;
  const { counts } = status;
  if (status.records.length !== recordCount || counts.total !== recordCount)
    return 'the status does not list every record of the batch';
  if (
    counts.pending !== count('pending') ||
    counts.registered !== count('registered') ||
    counts.failed !== count('failed')
  )
    return 'the counts disagree with the records';
  if (status.state === 'completed' && count('registered') !== recordCount)
    return 'completed with a record that is not registered';
  return undefined;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function problemTypeOf(body: unknown): string | undefined {
  const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : undefined;
}

function peerProblem(body: unknown, status: number): Problem {
  const given = body as Partial<Problem> | undefined;
  return typeof given?.type === 'string' && typeof given.title === 'string'
    ? ({ ...given, status } as Problem)
    : problem('unavailable', {
        status,
        title: 'Peer refused the request',
        detail: `the peer answered HTTP ${status}`,
      });
}

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : 'unknown';
}
