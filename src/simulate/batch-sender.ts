import { Pool } from 'undici';
import type { PlannedBatch } from './national-day-plan.ts';

/**
 * The simulated senders: a fixed number of requests in flight over keep-alive connections,
 * every batch re-sent (same batchId and records) until it is answered 200, with transient
 * faults of their own — a request dropped before it leaves, or its answer lost after the
 * center applied it — and a share of batches sent twice. Tallies each record's answers.
 */
export interface SendOptions {
  readonly concurrency: number;
  /** Share of attempts that fail in transit (half dropped before sending, half answer lost). */
  readonly faultRate: number;
  /** Share of batches delivered a second time once answered. */
  readonly duplicateRate: number;
  readonly random: () => number;
  /** Called after each answered batch with the records of this `sendAll` done so far. */
  readonly onProgress?: (recordsDone: number) => void;
  /** Gives up on a batch after this long without a 200 (the center is gone for good). */
  readonly giveUpMs?: number;
}

export interface RecordTally {
  /** recordId → how many deliveries were answered accepted (more than one: applied twice). */
  readonly acceptedAnswers: Map<string, number>;
  readonly duplicateAnswers: Map<string, number>;
  /** recordId → the problem type of its last rejection. */
  readonly rejected: Map<string, string>;
  sent: number;
  requests: number;
  faults: number;
  duplicateSends: number;
}

export const emptyTally = (): RecordTally => ({
  acceptedAnswers: new Map(),
  duplicateAnswers: new Map(),
  rejected: new Map(),
  sent: 0,
  requests: 0,
  faults: 0,
  duplicateSends: 0,
});

const RETRY_MS = 50;
const MAX_RETRY_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface BatchResult {
  readonly results?: readonly { recordId: string; outcome: string; problem?: { type?: string } }[];
}

export class BatchSender {
  readonly #pool: Pool;
  readonly #options: SendOptions;
  readonly tally: RecordTally = emptyTally();
  #done = 0;

  constructor(baseUrl: string, options: SendOptions) {
    this.#options = options;
    this.#pool = new Pool(baseUrl, {
      connections: options.concurrency,
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
      keepAliveTimeout: 10_000,
    });
  }

  /** Sends every batch, `concurrency` at a time, in the order given; progress counts from 0 again. */
  async sendAll(batches: readonly PlannedBatch[]): Promise<void> {
    let next = 0;
    this.#done = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++] as PlannedBatch;
        await this.#deliver(batch);
        this.#done += batch.body.records.length;
        this.#options.onProgress?.(this.#done);
        if (this.#options.random() < this.#options.duplicateRate) {
          this.tally.duplicateSends++;
          await this.#deliver(batch);
        }
      }
    };
    await Promise.all(Array.from({ length: this.#options.concurrency }, worker));
  }

  async close(): Promise<void> {
    await this.#pool.close();
  }

  /** One batch until a 200 answer is read (or `giveUpMs` passes: its records stay unanswered). */
  async #deliver(batch: PlannedBatch): Promise<void> {
    const { random, faultRate, giveUpMs = 120_000 } = this.#options;
    const started = Date.now();
    const payload = JSON.stringify(batch.body);
    this.tally.sent += batch.body.records.length;
    for (let attempt = 1; ; attempt++) {
      const fault = random() < faultRate ? (random() < 0.5 ? 'drop' : 'lose-answer') : undefined;
      let answer: BatchResult | undefined;
      if (fault === 'drop') this.tally.faults++;
      else {
        try {
          this.tally.requests++;
          const response = await this.#pool.request({
            method: 'POST',
            path: batch.path,
            headers: { 'content-type': 'application/json', 'x-correlation-id': crypto.randomUUID() },
            body: payload,
          });
          const text = await response.body.text();
          if (response.statusCode === 200) answer = JSON.parse(text) as BatchResult;
        } catch {
          // a connection refused or reset (the center restarting): sent again below
        }
        if (answer && fault === 'lose-answer') {
          this.tally.faults++;
          this.#count(answer);
          answer = undefined;
        }
      }
      if (answer) {
        this.#count(answer);
        return;
      }
      if (Date.now() - started > giveUpMs) return;
      await sleep(Math.min(MAX_RETRY_MS, RETRY_MS * 2 ** Math.min(attempt, 5)) * (0.5 + random() / 2));
    }
  }

  #count(answer: BatchResult): void {
    const { acceptedAnswers, duplicateAnswers, rejected } = this.tally;
    for (const { recordId, outcome, problem } of answer.results ?? []) {
      if (outcome === 'accepted') {
        acceptedAnswers.set(recordId, (acceptedAnswers.get(recordId) ?? 0) + 1);
        rejected.delete(recordId);
      } else if (outcome === 'duplicate')
        duplicateAnswers.set(recordId, (duplicateAnswers.get(recordId) ?? 0) + 1);
      else if (!acceptedAnswers.has(recordId)) rejected.set(recordId, String(problem?.type ?? 'rejected'));
    }
  }
}
