import { performance } from 'node:perf_hooks';
import { build, type Histogram } from 'hdr-histogram-js';
import { Client } from 'undici';

/**
 * tekigo's load generator: HTTP requests to one endpoint over a fixed number of keep-alive
 * connections, either open-loop at a fixed rate or as fast as the server answers.
 *
 * Open loop is coordinated-omission-correct: request i is due at `start + i / rate`, and its
 * latency runs from that due time, not from when a free connection let it go, so a server that
 * stalls is charged for every request that should have been sent meanwhile (HdrHistogram's
 * "corrected" latency). Latencies are kept in an HdrHistogram (µs, 3 significant digits).
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
  // One undici Client per connection, used in turn: no pool to pick a free one per request.
  const clients = Array.from(
    { length: options.connections },
    () =>
      new Client(options.url, {
        pipelining: 1,
        keepAliveTimeout: 30_000,
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      }),
  );
  let turn = 0;
  const histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
  });
  const headers: Record<string, string> =
    options.body === undefined
      ? { ...options.headers }
      : { 'content-type': 'application/json', ...options.headers };
  const dispatchOptions = {
    path: options.path ?? '/',
    method: options.method ?? 'GET',
    headers,
    ...(options.body === undefined ? {} : { body: options.body }),
  } as const;
  let requests = 0;
  let non2xx = 0;
  let errors = 0;
  // `dispatch` with a bare handler: no response stream or promise per request, so the
  // generator is not the slower side (the body is read and dropped).
  const once = (
    from: number,
    done: () => void,
    client = clients[turn++ % clients.length] as Client,
  ): void => {
    let status = 0;
    client.dispatch(dispatchOptions, {
      onRequestStart() {},
      onResponseStart(_controller, statusCode) {
        status = statusCode;
      },
      onResponseData() {},
      onResponseEnd() {
        if (status < 200 || status >= 300) non2xx++;
        requests++;
        histogram.recordValue(Math.min(HIGHEST_US, Math.max(1, (performance.now() - from) * 1000)));
        done();
      },
      onResponseError() {
        errors++;
        done();
      },
    });
  };

  const start = performance.now();
  const end = start + options.durationMs;
  try {
    if (options.rate === undefined) {
      await Promise.all(
        Array.from(
          { length: options.connections },
          (_, i) =>
            new Promise<void>((resolve) => {
              const client = clients[i] as Client;
              const again = () =>
                performance.now() < end ? once(performance.now(), again, client) : resolve();
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
      const done = () => {
        if (++answered === total) allAnswered();
      };
      let issued = 0;
      while (issued < total) {
        const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
        for (; issued < due; issued++) once(start + issued * interval, done);
        const next = start + issued * interval - performance.now();
        await new Promise((resolve) =>
          next >= 1 ? setTimeout(resolve, Math.floor(next)) : setImmediate(resolve),
        );
      }
      if (total > 0) await finished;
    }
  } finally {
    await Promise.all(clients.map((client) => client.close()));
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
