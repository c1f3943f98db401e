import net, { type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FaultEntry, NewEntry } from '../evidence/ledger-entry.ts';
import { createHttpClient, type HttpClient, type StartedServer, startServer } from '../transport/index.ts';
import { type StartedTcpProxy, startTcpProxy, type Toxic } from './tcp-proxy.ts';

/** Every wait in these tests is bounded by this, so a broken proxy fails instead of hanging. */
const BOUND_MS = 3_000;

let echo: net.Server;
let echoPort: number;
let proxy: StartedTcpProxy | undefined;
const sockets: net.Socket[] = [];

beforeEach(async () => {
  echo = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoPort = (echo.address() as AddressInfo).port;
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await proxy?.stop();
  proxy = undefined;
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

async function proxyToEcho(toxics: Toxic[], ledger?: { append(entry: NewEntry<FaultEntry>): unknown }) {
  proxy = await startTcpProxy({
    upstream: { host: '127.0.0.1', port: echoPort },
    toxics,
    ...(ledger ? { ledger } : {}),
  });
  return proxy;
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect({ host: '127.0.0.1', port });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/** Writes `data` and resolves with the chunks read until as many bytes came back. */
function roundTrip(socket: net.Socket, data: Buffer): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const timer = setTimeout(
      () => done(new Error(`no echo of ${data.length} bytes within ${BOUND_MS} ms`)),
      BOUND_MS,
    );
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= data.length) done();
    };
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.off('data', onData);
      if (error) reject(error);
      else resolve(chunks);
    };
    socket.on('data', onData);
    socket.write(data);
  });
}

/** Resolves with the error code (or 'closed') once the socket closes, within the bound. */
function closure(socket: net.Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let code = 'closed';
    const timer = setTimeout(() => reject(new Error(`socket still open after ${BOUND_MS} ms`)), BOUND_MS);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      code = error.code ?? error.message;
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('startTcpProxy', () => {
  it('forwards bytes unchanged without toxics', async () => {
    const { port, stats } = await proxyToEcho([]);
    const socket = await connect(port);
    expect(Buffer.concat(await roundTrip(socket, Buffer.from('hello'))).toString()).toBe('hello');
    expect(stats()).toMatchObject({
      connectionsAccepted: 1,
      connectionsOpen: 1,
      bytes: { upstream: 5, downstream: 5 },
    });
  });

  it('latency delays every chunk by at least ms', async () => {
    const { port } = await proxyToEcho([{ name: 'slow', direction: 'upstream', kind: 'latency', ms: 150 }]);
    const socket = await connect(port);
    for (const text of ['one', 'two']) {
      const started = performance.now();
      await roundTrip(socket, Buffer.from(text));
      expect(performance.now() - started).toBeGreaterThanOrEqual(149);
    }
  });

  it('slow-first-byte delays only the first chunk of a connection', async () => {
    const { port, setToxics } = await proxyToEcho([
      { name: 'first', direction: 'downstream', kind: 'slow-first-byte', ms: 150 },
    ]);
    const socket = await connect(port);
    const started = performance.now();
    await roundTrip(socket, Buffer.from('a'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(149);
    // Were later chunks delayed too, this one could not come back within the bound.
    setToxics([{ name: 'first', direction: 'downstream', kind: 'slow-first-byte', ms: 60_000 }]);
    await expect(roundTrip(socket, Buffer.from('b'))).resolves.toBeDefined();
  });

  it('slicer delivers the same bytes in several pieces', async () => {
    const { port } = await proxyToEcho([
      { name: 'slices', direction: 'downstream', kind: 'slicer', size: 100, delayMs: 20 },
    ]);
    const socket = await connect(port);
    const data = Buffer.alloc(1_000, 'x');
    const chunks = await roundTrip(socket, data);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('bandwidth paces the bytes', async () => {
    const { port } = await proxyToEcho([
      { name: 'narrow', direction: 'downstream', kind: 'bandwidth', bytesPerSecond: 10_000 },
    ]);
    const socket = await connect(port);
    const started = performance.now();
    await roundTrip(socket, Buffer.alloc(2_000, 'y'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('reset-after passes N bytes, then resets both sides and reports the fault', async () => {
    const entries: NewEntry<FaultEntry>[] = [];
    const { port, stats } = await proxyToEcho(
      [{ name: 'cut', direction: 'downstream', kind: 'reset-after', bytes: 4 }],
      { append: (entry) => entries.push(entry) },
    );
    const socket = await connect(port);
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    const closed = closure(socket);
    socket.write('abcdefgh');
    expect(await closed).toBe('ECONNRESET');
    expect(received).toBe('abcd');
    expect(entries).toEqual([
      {
        kind: 'fault',
        ruleId: 'cut',
        interface: null,
        action: 'reset-after',
        exchangeSeq: null,
        detail: { layer: 'tcp', connection: 1, direction: 'downstream', bytes: 4 },
      },
    ]);
    expect(stats().applied).toEqual({ cut: 1 });
  });

  it('timeout drops the data and closes the connection after ms', async () => {
    const { port } = await proxyToEcho([{ name: 'dark', direction: 'upstream', kind: 'timeout', ms: 100 }]);
    const socket = await connect(port);
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    const started = performance.now();
    const closed = closure(socket);
    socket.write('lost');
    expect(await closed).toBe('closed');
    expect(performance.now() - started).toBeGreaterThanOrEqual(99);
    expect(received).toBe(0);
  });

  it('refuse-connect accepts and resets at once', async () => {
    const { port, stats } = await proxyToEcho([
      { name: 'refuse', direction: 'upstream', kind: 'refuse-connect' },
    ]);
    // The reset may overtake the client's own view of the handshake, so do not wait for 'connect'.
    const socket = net.connect({ host: '127.0.0.1', port });
    sockets.push(socket);
    expect(await closure(socket)).toBe('ECONNRESET');
    expect(stats()).toMatchObject({ connectionsAccepted: 1, connectionsOpen: 0, applied: { refuse: 1 } });
  });

  it('toxicity 0 never acts', async () => {
    const { port, stats } = await proxyToEcho([
      { name: 'never', direction: 'upstream', kind: 'latency', ms: 60_000, toxicity: 0 },
    ]);
    const socket = await connect(port);
    await expect(roundTrip(socket, Buffer.from('fast'))).resolves.toBeDefined();
    expect(stats().applied).toEqual({});
  });

  it('hang holds the data, and removing it lets the held data through', async () => {
    const { port, removeToxic } = await proxyToEcho([
      { name: 'stall', direction: 'downstream', kind: 'hang' },
    ]);
    const socket = await connect(port);
    const echoed = roundTrip(socket, Buffer.from('held'));
    const outcome = await Promise.race([
      echoed.then(() => 'echoed'),
      new Promise((r) => setTimeout(r, 200, 'held')),
    ]);
    expect(outcome).toBe('held');
    removeToxic('stall');
    expect(Buffer.concat(await echoed).toString()).toBe('held');
  });

  it('refuses invalid toxics with a stable code', async () => {
    const { addToxic, removeToxic } = await proxyToEcho([]);
    expect(() => addToxic({ name: 'bad', direction: 'upstream', kind: 'latency', ms: -1 })).toThrow(
      expect.objectContaining({ code: 'TOXIC_INVALID' }),
    );
    expect(() =>
      addToxic({ name: 'typo', direction: 'upstream', kind: 'latency', delay: 5 } as unknown as Toxic),
    ).toThrow(/unknown parameter delay/);
    expect(() => removeToxic('absent')).toThrow(expect.objectContaining({ code: 'TOXIC_NOT_FOUND' }));
  });
});

describe('startTcpProxy in front of an HTTP server', () => {
  let server: StartedServer;
  let client: HttpClient;

  beforeEach(async () => {
    server = await startServer((_req, res) => {
      res.setHeader('content-type', 'text/plain');
      res.end('x'.repeat(1_000));
    });
    client = createHttpClient();
  });

  afterEach(async () => {
    await client.close();
    await server.stop();
  });

  async function proxyToServer(toxics: Toxic[]) {
    const { hostname, port } = new URL(server.url);
    proxy = await startTcpProxy({ upstream: { host: hostname, port: Number(port) }, toxics });
    return proxy;
  }

  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'answered',
      (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.name,
    );

  it('reset-after makes the request fail with a reset, and removing it restores the flow', async () => {
    const { url, removeToxic } = await proxyToServer([
      { name: 'cut', direction: 'downstream', kind: 'reset-after', bytes: 20 },
    ]);
    expect(await failureOf(client.fetch(`${url}/`, { timeoutMs: BOUND_MS }).then((r) => r.text()))).toBe(
      'ECONNRESET',
    );
    removeToxic('cut');
    const response = await client.fetch(`${url}/`, { timeoutMs: BOUND_MS });
    expect(await response.text()).toHaveLength(1_000);
  });

  it('hang makes a client with a 300 ms timeout time out', async () => {
    const { url, removeToxic } = await proxyToServer([
      { name: 'stall', direction: 'upstream', kind: 'hang' },
    ]);
    expect(await failureOf(client.fetch(`${url}/`, { timeoutMs: 300 }))).toBe('TimeoutError');
    removeToxic('stall');
    expect((await client.fetch(`${url}/`, { timeoutMs: BOUND_MS })).status).toBe(200);
  });

  it('refuse-connect makes the request fail at connection start', async () => {
    const { url } = await proxyToServer([{ name: 'refuse', direction: 'upstream', kind: 'refuse-connect' }]);
    expect(await failureOf(client.fetch(`${url}/`, { timeoutMs: BOUND_MS }))).not.toBe('answered');
  });
});
