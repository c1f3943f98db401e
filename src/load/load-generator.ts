import { performance } from 'node:perf_hooks';
import { build, type Histogram } from 'hdr-histogram-js';
import { LoadConnection, requestBytes } from './load-connection.ts';

/**
 * tekigo's load generator: HTTP requests to one endpoint over a fixed number of keep-alive
 * connections, either open-loop at a fixed rate or as fast as the server answers.
 *
 * Open loop is coordinated-omission-correct: request i is due at `start + i / rate`, and its
 * latency runs from that due time, not from when a free connection let it go, so a server that
 * stalls is charged for every request that should have been sent meanwhile (HdrHistogram's
 * "corrected" latency). Latencies are kept in an HdrHistogram (µs, 3 significant digits).
 * Requests are written on plain sockets as bytes made once (`load-connection.ts`), one at a
 * time per connection; in open loop, a request due while every connection is busy waits for
 * the first one free, still charged from its due time.
 */
export interface LoadOptions {
  /** Base URL of the server. */
  readonly url: string;
  readonly path?: string;
  readonly method?: 'GET' | 'POST' | 'PUT';
  /** Sent with every request (POST/PUT). */
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly durationMs: number;
  /** Requests per second, open loop; absent: closed loop, each connection sends again once answered. */
  readonly rate?: number;
}

export interface LatencySummary {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly mean: number;
}

export interface LoadResult {
  readonly mode: 'open-loop' | 'closed-loop';
  readonly requests: number;
  /** Answered with a status outside 2xx. */
  readonly non2xx: number;
  /** No answer: a connection error or a timeout. */
  readonly errors: number;
  readonly durationMs: number;
  /** Answered requests per second. */
  readonly throughput: number;
  /** Milliseconds, from the due time (open loop) or the send (closed loop) to the whole answer. */
  readonly latencyMs: LatencySummary;
}

const HIGHEST_US = 120_000_000;
/** A request with no complete answer after this long counts as an error. */
const TIMEOUT_MS = 30_000;

function summary(histogram: Histogram): LatencySummary {
  const ms = (us: number) => Math.round(us) / 1000;
  return {
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
    mean: ms(histogram.mean),
  };
}

/** Runs the load and resolves with what it measured. */
export async function generateLoad(options: LoadOptions): Promise<LoadResult> {
  if (!(options.connections >= 1)) throw new RangeError('connections must be at least 1');
  if (options.rate !== undefined && !(options.rate > 0)) throw new RangeError('rate must be above 0');
  const url = new URL(options.url);
  const headers: Record<string, string> =
    options.body === undefined
      ? { ...options.headers }
      : { 'content-type': 'application/json', ...options.headers };
  const request = requestBytes(url, options.path ?? '/', options.method ?? 'GET', headers, options.body);
  const connections = Array.from(
    { length: options.connections },
    () => new LoadConnection(url, request, TIMEOUT_MS),
  );
  const histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
  });
  let requests = 0;
  let non2xx = 0;
  let errors = 0;
  const record = (from: number, status: number) => {
    if (status === 0) {
      errors++;
      return;
    }
    if (status < 200 || status >= 300) non2xx++;
    requests++;
    histogram.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round((performance.now() - from) * 1000))));
  };

  const start = performance.now();
  const end = start + options.durationMs;
  try {
    if (options.rate === undefined) {
      await Promise.all(
        connections.map(
          (connection) =>
            new Promise<void>((resolve) => {
              const again = () => {
                if (performance.now() >= end) return resolve();
                const from = performance.now();
                connection.send((status) => {
                  record(from, status);
                  again();
                });
              };
              again();
            }),
        ),
      );
    } else {
      const interval = 1000 / options.rate;
      const total = Math.floor(options.durationMs / interval);
      let answered = 0;
      let allAnswered: () => void = () => {};
      const finished = new Promise<void>((resolve) => {
        allAnswered = resolve;
      });
      // Due times waiting for a free connection, oldest first: their latency runs from then.
      const waiting: number[] = [];
      let head = 0;
      const free = [...connections];
      const dispatch = (connection: LoadConnection, due: number): void =>
        connection.send((status) => {
          record(due, status);
          if (++answered === total) allAnswered();
          if (head < waiting.length) dispatch(connection, waiting[head++] as number);
          else free.push(connection);
        });
      let issued = 0;
      while (issued < total) {
        const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
        for (; issued < due; issued++) {
          const at = start + issued * interval;
          const connection = free.pop();
          if (connection === undefined) waiting.push(at);
          else dispatch(connection, at);
        }
        const next = start + issued * interval - performance.now();
        await new Promise((resolve) =>
          next >= 1 ? setTimeout(resolve, Math.floor(next)) : setImmediate(resolve),
        );
      }
      if (total > 0) await finished;
    }
  } finally {
    await Promise.all(connections.map((connection) => connection.close()));
  }
  const durationMs = performance.now() - start;
  return {
    mode: options.rate === undefined ? 'closed-loop' : 'open-loop',
    requests,
    non2xx,
    errors,
    durationMs: Math.round(durationMs),
    throughput: Math.round((requests / durationMs) * 1000),
    latencyMs: summary(histogram),
  };
}
