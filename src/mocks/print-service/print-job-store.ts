import { isDeepStrictEqual } from 'node:util';
import type { PrintJobRequest, PrintJobStatus } from '../../spec/message-types.generated.ts';
import { problem } from '../../spec/problem-types.ts';

const PRINTER_JAMMED = problem('unavailable', {
  status: 503,
  detail: 'the printer jammed',
}) as PrintJobStatus['problem'] & object;

export type FinalState = 'printed' | 'failed' | 'cancelled';

/** One job as the print service holds it: what was submitted, and where it stands. */
export interface HeldJob {
  readonly job: PrintJobRequest;
  status: PrintJobStatus;
  /** How many times the job was submitted, the first included. */
  submissions: number;
  /** How many times its status was read. */
  reads: number;
}

/** What a release did: the jobs it finished, in the order given, and the ids it did not know. */
export interface ReleaseResult {
  readonly released: readonly {
    readonly jobId: string;
    readonly requestId: string;
    readonly state: FinalState;
  }[];
  readonly unknown: readonly string[];
}

/**
 * The print service's jobs. A job stays `queued` until the suite releases it (or, with
 * `autoRelease`, it prints at once), so a test decides when each result exists and in which
 * order: a terminal state never changes again. `jobId` is the idempotency key.
 */
export class PrintJobStore {
  readonly #jobs = new Map<string, HeldJob>();
  readonly #watchers = new Set<() => void>();
  #autoRelease = false;

  /**
   * Resolves when a job of these ids changes state, or after `ms`: a status read can wait for
   * the release instead of the caller polling fast.
   */
  changed(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#watchers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#watchers.add(done);
    });
  }

  /** A submission: the job's status for a new job or a same-content re-submit; `conflict` otherwise. */
  submit(job: PrintJobRequest, now: Date = new Date()): PrintJobStatus | 'conflict' {
    const known = this.#jobs.get(job.jobId);
    if (known) {
      if (!isDeepStrictEqual(known.job, job)) return 'conflict';
      known.submissions += 1;
      return known.status;
    }
    const status: PrintJobStatus = {
      jobId: job.jobId,
      requestId: job.requestId,
      state: 'queued',
      updatedAt: now.toISOString(),
    };
    this.#jobs.set(job.jobId, { job, status, submissions: 1, reads: 0 });
    if (this.#autoRelease) this.release([job.jobId], 'printed', now);
    return status;
  }

  /** The status of a job, not counted as read. */
  peek(jobId: string): PrintJobStatus | undefined {
    return this.#jobs.get(jobId)?.status;
  }

  /** The status of a job, counted as read; undefined for a job never submitted. */
  read(jobId: string): PrintJobStatus | undefined {
    const held = this.#jobs.get(jobId);
    if (!held) return undefined;
    held.reads += 1;
    return held.status;
  }

  /** Finishes the named jobs in the order given; a job already terminal stays as it is. */
  release(jobIds: readonly string[], state: FinalState = 'printed', now: Date = new Date()): ReleaseResult {
    const released: { jobId: string; requestId: string; state: FinalState }[] = [];
    const unknown: string[] = [];
    for (const jobId of jobIds) {
      const held = this.#jobs.get(jobId);
      if (!held) {
        unknown.push(jobId);
        continue;
      }
      if (held.status.state !== 'queued' && held.status.state !== 'printing') continue;
      const { jobId: id, requestId } = held.status;
      held.status = {
        jobId: id,
        requestId,
        state,
        updatedAt: now.toISOString(),
        ...(state === 'printed' ? { pages: held.job.copies } : {}),
        ...(state === 'failed' ? { problem: PRINTER_JAMMED } : {}),
      };
      released.push({ jobId: id, requestId, state });
    }
    if (released.length > 0) for (const wake of [...this.#watchers]) wake();
    return { released, unknown };
  }

  /** The jobs of these certificate requests, in the order of the request ids given. */
  jobIdsFor(requestIds: readonly string[]): string[] {
    return requestIds.flatMap((requestId) =>
      [...this.#jobs.values()].filter((h) => h.job.requestId === requestId).map((h) => h.job.jobId),
    );
  }

  /** From now on, print every job (held ones included) at once, or hold every new one. */
  setAutoRelease(on: boolean): void {
    this.#autoRelease = on;
    if (on) this.release([...this.#jobs.keys()]);
  }

  snapshot() {
    return {
      autoRelease: this.#autoRelease,
      jobs: [...this.#jobs.values()].map((h) => ({
        jobId: h.job.jobId,
        requestId: h.job.requestId,
        embedded: h.job.image.embedded,
        state: h.status.state,
        submissions: h.submissions,
        reads: h.reads,
      })),
    };
  }

  reset(): void {
    for (const wake of [...this.#watchers]) wake();
    this.#jobs.clear();
    this.#autoRelease = false;
  }
}
