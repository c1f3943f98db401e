import { setTimeout as sleep } from 'node:timers/promises';
import { jstDate } from '../../reconciliation/accepted-digest.ts';
import { type ReconciliationEntry, reconciliationEntry } from '../../reconciliation/reconciliation-entry.ts';
import type { PrintJobRequest, PrintJobStatus } from '../../spec/message-types.generated.ts';
import { type Problem, problem } from '../../spec/problem-types.ts';
import type { HttpClient } from '../../transport/index.ts';
import { parseRetryAfterMs, retryDelayMs } from '../shared/backoff.ts';
import { describeError } from '../shared/http-app.ts';
import type { Log } from '../shared/json-log.ts';
import { type IssuanceParameters, PRINT_JOBS, PRINT_SERVICE } from './capabilities.ts';

/** How a print wait ended. */
export type PrintOutcome =
  | { readonly kind: 'printed' }
  | { readonly kind: 'failed'; readonly problem: Problem }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'stopped' };

export interface PrintJobRecord {
  readonly jobId: string;
  readonly requestId: string;
  readonly submittedAt: string;
  state: 'in-flight' | 'printed' | 'failed' | 'abandoned';
  attempts: number;
  lastAttemptAt: string;
  lastError?: Problem;
}

export interface PrintJobsOptions {
  readonly client: HttpClient;
  readonly baseUrl: () => string | undefined;
  readonly parameters: IssuanceParameters;
  readonly log: Log;
}

const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 300;

/**
 * The print-jobs client: one job per document, submitted (and re-submitted after a transient
 * failure, same jobId and image: ISS-PRT-005) then read until it is terminal. A request is
 * printed only on a `printed` status whose jobId and requestId are its own (ISS-REQ-005); any
 * other answer is ignored. Every job is kept for reconciliation and dead letters (ISS-PRT-004).
 */
export class PrintJobs {
  readonly #options: PrintJobsOptions;
  readonly #jobs = new Map<string, PrintJobRecord>();

  constructor(options: PrintJobsOptions) {
    this.#options = options;
  }

  /** Prints `job`, giving up at `deadline` (epoch ms) or when `signal` aborts. */
  async print(
    job: PrintJobRequest,
    deadline: number,
    correlationId: string,
    signal: AbortSignal,
  ): Promise<PrintOutcome> {
    const record: PrintJobRecord = {
      jobId: job.jobId,
      requestId: job.requestId,
      submittedAt: job.submittedAt,
      state: 'in-flight',
      attempts: 0,
      lastAttemptAt: job.submittedAt,
    };
    this.#jobs.set(job.jobId, record);
    const outcome = await this.#printOnce(job, record, deadline, correlationId, signal);
    if (outcome.kind === 'printed') record.state = 'printed';
    else if (outcome.kind === 'failed') {
      record.state = 'failed';
      record.lastError = outcome.problem;
    } else {
      record.state = 'abandoned';
      record.lastError = problem('timeout', {
        detail: 'the print job did not reach printed within the print timeout; its request failed closed',
      });
      this.#options.log({
        event: 'print-job-abandoned',
        level: 'warn',
        correlationId,
        interface: PRINT_JOBS,
        peer: PRINT_SERVICE,
        jobId: job.jobId,
        requestId: job.requestId,
        recordIds: [job.jobId],
      });
    }
    return outcome;
  }

  async #printOnce(
    job: PrintJobRequest,
    record: PrintJobRecord,
    deadline: number,
    correlationId: string,
    signal: AbortSignal,
  ): Promise<PrintOutcome> {
    const { parameters } = this.#options;
    // Submit, re-submitting the same job after a transient failure while time remains.
    for (;;) {
      if (signal.aborted) return { kind: 'stopped' };
      if (Date.now() >= deadline) return { kind: 'timeout' };
      record.attempts += 1;
      record.lastAttemptAt = new Date().toISOString();
      const answer = await this.#call(
        'POST',
        '/print-jobs',
        job,
        deadline,
        correlationId,
        signal,
        record.attempts,
      );
      if (answer.kind === 'answered' && answer.status === 202) break;
      if (answer.kind === 'answered' && answer.status >= 400 && answer.status < 500 && answer.status !== 429)
        return { kind: 'failed', problem: refusal(answer.body, answer.status) };
      if (record.attempts >= parameters.retry.maxAttempts)
        return {
          kind: 'failed',
          problem: problem('unavailable', { detail: 'the print service could not take the job' }),
        };
      const waitMs = retryDelayMs(
        parameters.retry,
        record.attempts,
        answer.kind === 'answered' ? answer.retryAfterMs : undefined,
      );
      if (!(await pause(Math.min(waitMs, deadline - Date.now()), signal))) return { kind: 'stopped' };
    }
    // Read the job's status until it is terminal.
    let intervalMs = FIRST_POLL_MS;
    for (;;) {
      if (!(await pause(Math.min(intervalMs, deadline - Date.now()), signal))) return { kind: 'stopped' };
      if (Date.now() >= deadline) return { kind: 'timeout' };
      intervalMs = Math.min(MAX_POLL_MS, Math.ceil(intervalMs * 1.5));
      const path = `/print-jobs/${encodeURIComponent(job.jobId)}`;
      const answer = await this.#call('GET', path, undefined, deadline, correlationId, signal, 0);
      if (answer.kind !== 'answered' || answer.status !== 200) continue;
      const status = answer.body as Partial<PrintJobStatus> | null;
      // Only a status about this very job counts (ISS-REQ-005).
      if (status?.jobId !== job.jobId || status.requestId !== job.requestId) continue;
      if (status.state === 'printed') return { kind: 'printed' };
      if (status.state === 'failed' || status.state === 'cancelled')
        return { kind: 'failed', problem: refusal(status.problem, 503) };
    }
  }

  async #call(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    deadline: number,
    correlationId: string,
    signal: AbortSignal,
    attempt: number,
  ): Promise<
    { kind: 'answered'; status: number; body: unknown; retryAfterMs: number | undefined } | { kind: 'failed' }
  > {
    const { client, baseUrl, parameters, log } = this.#options;
    const base = baseUrl();
    const timeoutMs = Math.max(1, Math.min(parameters.requestTimeoutMs, deadline - Date.now()));
    const fail = (cause: string) => {
      if (method === 'POST')
        log({
          event: 'outbound-attempt-failed',
          level: 'warn',
          correlationId,
          interface: PRINT_JOBS,
          peer: PRINT_SERVICE,
          attempt,
          cause,
          recordIds: [(body as { jobId: string }).jobId],
        });
      return { kind: 'failed' as const };
    };
    if (base === undefined) return fail('no print-service peer is configured');
    try {
      const response = await client.fetch(`${base}${path}`, {
        method,
        headers: {
          'x-correlation-id': correlationId,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        timeoutMs,
        signal,
      });
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        parsed = null;
      }
      if (method === 'POST' && response.status !== 202) fail(`status ${response.status}`);
      return {
        kind: 'answered',
        status: response.status,
        body: parsed,
        retryAfterMs: parseRetryAfterMs(response.headers.get('retry-after'), Date.now()),
      };
    } catch (error) {
      return fail(describeError(error));
    }
  }

  /** Sender-side counts of print jobs submitted on `day` (Japan time). */
  reconcile(day: string): ReconciliationEntry {
    const jobs = [...this.#jobs.values()].filter((j) => jstDate(j.submittedAt) === day);
    const printed = jobs.filter((j) => j.state === 'printed').map((j) => j.jobId);
    const dead = jobs.filter((j) => j.state === 'failed' || j.state === 'abandoned').length;
    return reconciliationEntry(
      PRINT_JOBS,
      'outbound',
      {
        total: jobs.length,
        accepted: printed.length,
        duplicate: 0,
        rejected: jobs.filter((j) => j.state === 'failed').length,
        pending: jobs.filter((j) => j.state === 'in-flight').length,
        deadLettered: dead,
      },
      printed,
    );
  }

  /** Every job that failed or was abandoned: listed for an operator, never re-submitted (ISS-PRT-004). */
  deadLetters(): Record<string, unknown>[] {
    return [...this.#jobs.values()]
      .filter((j) => j.state === 'failed' || j.state === 'abandoned')
      .map((j) => ({
        id: j.jobId,
        interface: PRINT_JOBS,
        peer: PRINT_SERVICE,
        recordId: j.jobId,
        attempts: Math.max(1, j.attempts),
        firstAttemptAt: j.submittedAt,
        lastAttemptAt: j.lastAttemptAt,
        reason: j.state === 'failed' ? 'rejected' : 'retries-exhausted',
        lastError: j.lastError ?? problem('internal'),
        state: 'dead',
      }));
  }

  /** Reads an abandoned job once (replica seam `adoptsLateResults`); true when it printed after all. */
  async printedLate(jobId: string, requestId: string): Promise<boolean> {
    const path = `/print-jobs/${encodeURIComponent(jobId)}`;
    const answer = await this.#call(
      'GET',
      path,
      undefined,
      Date.now() + 1_000,
      jobId,
      new AbortController().signal,
      0,
    );
    const status = answer.kind === 'answered' ? (answer.body as Partial<PrintJobStatus> | null) : null;
    return status?.jobId === jobId && status.requestId === requestId && status.state === 'printed';
  }

  clear(): void {
    this.#jobs.clear();
  }
}

/** A problem from a refusal body, or one for its status. */
function refusal(body: unknown, status: number): Problem {
  const given = body as Partial<Problem> | null | undefined;
  return typeof given?.type === 'string' &&
    typeof given.title === 'string' &&
    typeof given.status === 'number'
    ? (given as Problem)
    : problem('unavailable', {
        status: 503,
        detail: `the print service answered ${status}`,
      });
}

/** Waits `ms` unless `signal` aborts first; false when it aborted. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms > 0) await sleep(ms, undefined, { signal }).catch(() => undefined);
  return !signal.aborted;
}
