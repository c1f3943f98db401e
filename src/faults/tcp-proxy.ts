/**
 * Faults below HTTP: a userspace TCP proxy on 127.0.0.1 whose toxics follow Toxiproxy's.
 * The kernel here has no netem and Toxiproxy's image cannot be pulled, so latency, slow
 * first bytes, resets after N bytes, stalls and slicing are made by the proxy itself.
 *
 * Toxics are data. Each toxic acts on one direction of every connection (`upstream` is
 * client → server, `downstream` server → client); whether it acts on a given connection is
 * drawn once per connection from the proxy's seeded PRNG using its `toxicity`. Changing the
 * toxics applies to the next chunk of every open connection.
 */
import net, { type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { TekigoEnvironmentError, TekigoUsageError } from '../errors.ts';
import type { FaultEntry, NewEntry } from '../evidence/ledger-entry.ts';
import { LOOPBACK_HOST } from '../transport/transport-profile.ts';
import { seededRandom } from './seeded-random.ts';

export type TcpDirection = 'upstream' | 'downstream';

interface ToxicBase {
  /** Unique within a proxy; reported as the fault's `ruleId`. */
  readonly name: string;
  readonly direction: TcpDirection;
  /** Probability (0..1) that the toxic acts on a connection, drawn once per connection. Default 1. */
  readonly toxicity?: number;
}

export type Toxic = ToxicBase &
  (
    | { readonly kind: 'latency'; readonly ms: number; readonly jitterMs?: number }
    | { readonly kind: 'slow-first-byte'; readonly ms: number }
    | { readonly kind: 'reset-after'; readonly bytes: number }
    | { readonly kind: 'hang' }
    | { readonly kind: 'slicer'; readonly size: number; readonly delayMs: number }
    | { readonly kind: 'bandwidth'; readonly bytesPerSecond: number }
    | { readonly kind: 'timeout'; readonly ms: number }
    | { readonly kind: 'refuse-connect' }
  );

export type ToxicKind = Toxic['kind'];

/** What the proxy needs of a ledger; `Ledger` from src/evidence satisfies it. */
export interface FaultSink {
  append(entry: NewEntry<FaultEntry>): unknown;
}

export interface TcpProxyOptions {
  readonly upstream: { readonly host: string; readonly port: number };
  /** 0 (the default) picks a free ephemeral port; pass a fixed one to keep the URL across restarts. */
  readonly listenPort?: number;
  readonly toxics?: readonly Toxic[];
  /** Receives one `fault` entry per toxic and connection, when the toxic first acts on it. */
  readonly ledger?: FaultSink;
  /** Seed of the PRNG behind `toxicity` and `jitterMs`. Default 1. */
  readonly seed?: number;
}

export interface TcpProxyStats {
  readonly connectionsAccepted: number;
  readonly connectionsOpen: number;
  /** Bytes forwarded per direction. */
  readonly bytes: Readonly<Record<TcpDirection, number>>;
  /** Number of connections each toxic acted on, by toxic name. */
  readonly applied: Readonly<Record<string, number>>;
}

export interface StartedTcpProxy {
  /** `http://127.0.0.1:<port>`: point an HTTP client here instead of at the upstream. */
  readonly url: string;
  readonly port: number;
  setToxics(toxics: readonly Toxic[]): void;
  addToxic(toxic: Toxic): void;
  removeToxic(name: string): void;
  stats(): TcpProxyStats;
  /** Stops listening and closes every connection. */
  stop(): Promise<void>;
}

/**
 * Minimum value of each parameter per kind; `?` marks an optional one. Anything else on a
 * toxic is refused, so a misspelt parameter never silently does nothing.
 */
const PARAMETERS: Readonly<Record<ToxicKind, Readonly<Record<string, number>>>> = {
  latency: { ms: 0, 'jitterMs?': 0 },
  'slow-first-byte': { ms: 0 },
  'reset-after': { bytes: 0 },
  hang: {},
  slicer: { size: 1, delayMs: 0 },
  bandwidth: { bytesPerSecond: 1 },
  timeout: { ms: 0 },
  'refuse-connect': {},
};

/** Queued bytes per direction above which the proxy stops reading from the sender. */
const HIGH_WATER_BYTES = 1 << 20;

const END = Symbol('end');

interface Flow {
  readonly source: net.Socket;
  readonly sink: net.Socket;
  queue: Promise<void>;
  queuedBytes: number;
  chunks: number;
}

interface Connection {
  readonly id: number;
  readonly abort: AbortController;
  readonly closed: Promise<void>;
  readonly markClosed: () => void;
  readonly client: net.Socket;
  readonly upstream: net.Socket;
  readonly flows: Readonly<Record<TcpDirection, Flow>>;
  /** Toxic name → whether it acts on this connection (the `toxicity` draw). */
  readonly draws: Map<string, boolean>;
  readonly reported: Set<string>;
  /** `reset-after` toxic name → bytes it has let through. */
  readonly counted: Map<string, number>;
  /** `timeout` toxic name → its close timer. */
  readonly timers: Map<string, NodeJS.Timeout>;
}

export async function startTcpProxy(options: TcpProxyOptions): Promise<StartedTcpProxy> {
  let toxics = validateToxics(options.toxics ?? []);
  let toxicsChanged = deferred();
  const random = seededRandom(options.seed ?? 1);
  const connections = new Set<Connection>();
  const bytes: Record<TcpDirection, number> = { upstream: 0, downstream: 0 };
  const applied: Record<string, number> = {};
  let connectionsAccepted = 0;

  const acts = (draws: Map<string, boolean>, toxic: Toxic): boolean => {
    let draw = draws.get(toxic.name);
    if (draw === undefined) {
      const toxicity = toxic.toxicity ?? 1;
      // Always-on toxics take no draw, so adding one does not shift the sequence for the others.
      draw = toxicity >= 1 || random() < toxicity;
      draws.set(toxic.name, draw);
    }
    return draw;
  };

  const acting = (conn: Connection, direction: TcpDirection): Toxic[] =>
    toxics.filter((t) => t.direction === direction && t.kind !== 'refuse-connect' && acts(conn.draws, t));

  const report = (connectionId: number, reported: Set<string>, toxic: Toxic): void => {
    if (reported.has(toxic.name)) return;
    reported.add(toxic.name);
    applied[toxic.name] = (applied[toxic.name] ?? 0) + 1;
    const { name, kind, ...parameters } = toxic;
    options.ledger?.append({
      kind: 'fault',
      ruleId: name,
      interface: null,
      action: kind,
      exchangeSeq: null,
      detail: { layer: 'tcp', connection: connectionId, ...parameters },
    });
  };

  const close = (conn: Connection, how: 'reset' | 'close'): void => {
    if (conn.abort.signal.aborted) return;
    conn.abort.abort();
    for (const timer of conn.timers.values()) clearTimeout(timer);
    connections.delete(conn);
    for (const socket of [conn.client, conn.upstream]) {
      if (how === 'reset') socket.resetAndDestroy();
      else socket.destroy();
    }
    conn.markClosed();
  };

  // Toxiproxy's timeout: from the moment it is in place, drop the data and close after `ms` (0: never close).
  const armTimeouts = (conn: Connection): void => {
    for (const [name, timer] of conn.timers) {
      if (!toxics.some((t) => t.kind === 'timeout' && t.name === name)) {
        clearTimeout(timer);
        conn.timers.delete(name);
      }
    }
    for (const toxic of toxics) {
      if (toxic.kind !== 'timeout' || toxic.ms === 0 || conn.timers.has(toxic.name)) continue;
      if (!acts(conn.draws, toxic)) continue;
      const timer = setTimeout(() => {
        report(conn.id, conn.reported, toxic);
        close(conn, 'close');
      }, toxic.ms);
      conn.timers.set(toxic.name, timer);
    }
  };

  const deliver = async (
    conn: Connection,
    direction: TcpDirection,
    item: Buffer | typeof END,
    arrivedAt: number,
    index: number,
  ): Promise<void> => {
    const { sink } = conn.flows[direction];
    const signal = conn.abort.signal;
    for (;;) {
      const hang = acting(conn, direction).find((t) => t.kind === 'hang');
      if (!hang) break;
      report(conn.id, conn.reported, hang);
      await Promise.race([toxicsChanged.promise, conn.closed]);
      if (signal.aborted) return;
    }
    const active = acting(conn, direction);
    const timeout = active.find((t) => t.kind === 'timeout');
    if (timeout) {
      report(conn.id, conn.reported, timeout);
      return;
    }
    if (item === END) {
      sink.end();
      return;
    }
    // Latency counts from the chunk's arrival, so back-to-back chunks are delayed, not queued behind each other.
    let due = arrivedAt;
    let data = item;
    let resetBy: Toxic | undefined;
    let sliceSize = Number.POSITIVE_INFINITY;
    let sliceDelayMs = 0;
    let bytesPerSecond = Number.POSITIVE_INFINITY;
    for (const toxic of active) {
      switch (toxic.kind) {
        case 'latency':
          due += Math.max(0, toxic.ms + (toxic.jitterMs ? (random() * 2 - 1) * toxic.jitterMs : 0));
          break;
        case 'slow-first-byte':
          if (index === 0) due += toxic.ms;
          else continue;
          break;
        case 'reset-after': {
          const room = toxic.bytes - (conn.counted.get(toxic.name) ?? 0);
          if (data.length < room) continue;
          data = data.subarray(0, Math.max(0, room));
          resetBy = toxic;
          break;
        }
        case 'slicer':
          sliceSize = Math.min(sliceSize, toxic.size);
          sliceDelayMs = Math.max(sliceDelayMs, toxic.delayMs);
          break;
        case 'bandwidth':
          bytesPerSecond = Math.min(bytesPerSecond, toxic.bytesPerSecond);
          break;
      }
      if (toxic.kind !== 'reset-after') report(conn.id, conn.reported, toxic);
    }
    for (const toxic of active) {
      if (toxic.kind === 'reset-after')
        conn.counted.set(toxic.name, (conn.counted.get(toxic.name) ?? 0) + data.length);
    }
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait, undefined, { signal });
    // Bandwidth is paced in pieces of a tenth of a second so the flow is smooth, not bursty.
    const pieceSize = Math.min(sliceSize, Math.max(1, Math.floor(bytesPerSecond / 10)));
    for (let offset = 0; offset < data.length; offset += pieceSize) {
      const piece = data.subarray(offset, offset + pieceSize);
      if (offset > 0 && sliceDelayMs > 0) await sleep(sliceDelayMs, undefined, { signal });
      if (Number.isFinite(bytesPerSecond))
        await sleep((piece.length * 1000) / bytesPerSecond, undefined, { signal });
      await write(sink, piece);
      bytes[direction] += piece.length;
    }
    if (resetBy) {
      report(conn.id, conn.reported, resetBy);
      close(conn, 'reset');
    }
  };

  const enqueue = (conn: Connection, direction: TcpDirection, item: Buffer | typeof END): void => {
    const flow = conn.flows[direction];
    const arrivedAt = performance.now();
    const index = item === END ? -1 : flow.chunks++;
    const size = item === END ? 0 : item.length;
    flow.queuedBytes += size;
    if (flow.queuedBytes > HIGH_WATER_BYTES) flow.source.pause();
    flow.queue = flow.queue
      .then(() => (conn.abort.signal.aborted ? undefined : deliver(conn, direction, item, arrivedAt, index)))
      .then(
        () => {
          flow.queuedBytes -= size;
          if (flow.source.isPaused() && flow.queuedBytes <= HIGH_WATER_BYTES) flow.source.resume();
        },
        // Aborted sleeps end here once the connection is gone; anything else leaves it unusable.
        () => close(conn, 'reset'),
      );
  };

  const onConnection = (client: net.Socket): void => {
    const id = ++connectionsAccepted;
    const draws = new Map<string, boolean>();
    const reported = new Set<string>();
    client.on('error', () => {});
    const refuse = toxics.find((t) => t.kind === 'refuse-connect' && acts(draws, t));
    if (refuse) {
      report(id, reported, refuse);
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect({
      host: options.upstream.host,
      port: options.upstream.port,
      allowHalfOpen: true,
      noDelay: true,
    });
    client.setNoDelay(true);
    const { promise: closed, resolve: markClosed } = deferred();
    const conn: Connection = {
      id,
      abort: new AbortController(),
      closed,
      markClosed,
      client,
      upstream,
      flows: {
        upstream: { source: client, sink: upstream, queue: Promise.resolve(), queuedBytes: 0, chunks: 0 },
        downstream: { source: upstream, sink: client, queue: Promise.resolve(), queuedBytes: 0, chunks: 0 },
      },
      draws,
      reported,
      counted: new Map(),
      timers: new Map(),
    };
    connections.add(conn);
    for (const direction of ['upstream', 'downstream'] as const) {
      const { source } = conn.flows[direction];
      source.on('data', (chunk: Buffer) => enqueue(conn, direction, chunk));
      source.on('end', () => enqueue(conn, direction, END));
      // A reset or an unreachable upstream on one side becomes a reset on the other.
      source.on('error', () => close(conn, 'reset'));
      source.on('close', () => {
        if (conn.client.destroyed && conn.upstream.destroyed) close(conn, 'close');
      });
    }
    armTimeouts(conn);
  };

  const server = net.createServer({ allowHalfOpen: true }, onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new TekigoEnvironmentError(
          'PROXY_LISTEN_FAILED',
          `The TCP fault proxy could not listen on ${LOOPBACK_HOST}:${options.listenPort ?? 0}: ${error.message}. ` +
            'Choose another port, or pass 0 to let the system pick one.',
          { port: options.listenPort ?? 0 },
          { cause: error },
        ),
      ),
    );
    server.listen(options.listenPort ?? 0, LOOPBACK_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const setToxics = (next: readonly Toxic[]): void => {
    toxics = validateToxics(next);
    for (const conn of connections) armTimeouts(conn);
    const previous = toxicsChanged;
    toxicsChanged = deferred();
    previous.resolve();
  };

  return {
    url: `http://${LOOPBACK_HOST}:${port}`,
    port,
    setToxics,
    addToxic: (toxic) => setToxics([...toxics, toxic]),
    removeToxic: (name) => {
      if (!toxics.some((t) => t.name === name)) {
        throw new TekigoUsageError(
          'TOXIC_NOT_FOUND',
          `Cannot remove toxic "${name}" from the TCP proxy on port ${port}: no toxic has that name. ` +
            `Present: ${toxics.map((t) => t.name).join(', ') || 'none'}.`,
          { name },
        );
      }
      setToxics(toxics.filter((t) => t.name !== name));
    },
    stats: () => ({
      connectionsAccepted,
      connectionsOpen: connections.size,
      bytes: { ...bytes },
      applied: { ...applied },
    }),
    stop: async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const conn of connections) close(conn, 'close');
      await stopped;
    },
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function write(socket: net.Socket, data: Buffer): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => socket.write(data, () => resolve()));
}

function validateToxics(toxics: readonly Toxic[]): Toxic[] {
  const names = new Set<string>();
  for (const toxic of toxics) {
    const problems: string[] = [];
    if (typeof toxic.name !== 'string' || toxic.name === '') problems.push('name must be a non-empty string');
    if (names.has(toxic.name)) problems.push('another toxic has the same name');
    names.add(toxic.name);
    if (toxic.direction !== 'upstream' && toxic.direction !== 'downstream') {
      problems.push('direction must be "upstream" (client → server) or "downstream"');
    }
    const toxicity = toxic.toxicity ?? 1;
    if (!(toxicity >= 0 && toxicity <= 1)) problems.push('toxicity must be between 0 and 1');
    const parameters = Object.hasOwn(PARAMETERS, toxic.kind) ? PARAMETERS[toxic.kind] : undefined;
    if (!parameters) {
      problems.push(`kind must be one of ${Object.keys(PARAMETERS).join(', ')}`);
    } else {
      const record = toxic as unknown as Record<string, unknown>;
      for (const [key, min] of Object.entries(parameters)) {
        const field = key.replace('?', '');
        const value = record[field];
        if (value === undefined && key.endsWith('?')) continue;
        if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
          problems.push(`${field} must be a number ≥ ${min}`);
        }
      }
      const known = new Set([
        'name',
        'direction',
        'kind',
        'toxicity',
        ...Object.keys(parameters).map((k) => k.replace('?', '')),
      ]);
      for (const field of Object.keys(record))
        if (!known.has(field)) problems.push(`unknown parameter ${field}`);
    }
    if (problems.length > 0) {
      throw new TekigoUsageError(
        'TOXIC_INVALID',
        `Invalid TCP proxy toxic ${JSON.stringify(toxic)}: ${problems.join('; ')}. Fix the toxic's data.`,
        { toxic, problems },
      );
    }
  }
  return [...toxics];
}
