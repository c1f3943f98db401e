import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TekigoEnvironmentError } from '../errors.ts';
import { Ledger } from '../evidence/ledger.ts';
import type { Validate } from '../evidence/validate.ts';
import { type StartedServer, startServer } from '../transport/index.ts';
import { createRawHttpClient, type RawHttpClient } from './raw-http-client.ts';

/** Every wait in these tests is bounded by this, so a broken client fails instead of hanging. */
const WAIT_MS = 300;
const MIB = 1024 * 1024;

// The stub accepts objects and names what it was asked, so tests see which type was applied.
const validate: Validate = (messageType, value) => ({
  messageType,
  valid: typeof value === 'object' && value !== null,
  errors: [],
});

const problem = JSON.stringify({ type: 'urn:tekigo:problem:validation', title: 'Bad', status: 400 });

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function route(req: IncomingMessage, res: ServerResponse): void {
  const correlation = req.headers['x-correlation-id'] ?? 'generated';
  switch (req.url) {
    case '/problem':
      void readBody(req).then(() => {
        res.writeHead(400, {
          'content-type': 'application/problem+json',
          'x-correlation-id': correlation,
          server: 'tiny',
        });
        res.end(problem);
      });
      return;
    case '/chunked':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first ');
      res.end('second');
      return;
    case '/count':
      void readBody(req).then((body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ received: body.length }));
      });
      return;
    case '/refuse-at-once':
      // Answered before any body is read, and never ended: Node then leaves the body unread, so
      // the client can only finish sending by ignoring the answer.
      res.writeHead(413, { 'content-type': 'application/problem+json', 'content-length': problem.length });
      res.write(problem);
      return;
  }
}

interface TcpServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** A plain TCP server for what HTTP servers will not do on cue: close or reset on their own. */
async function tcpServer(onConnection: (socket: net.Socket) => void): Promise<TcpServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('RawHttpClient', () => {
  let http: StartedServer;
  const ledger = new Ledger();
  const tcp: TcpServer[] = [];

  const clientFor = (url: string) =>
    createRawHttpClient({ baseUrl: url, ledger, validate, answerWaitMs: WAIT_MS });

  beforeAll(async () => {
    http = await startServer(route);
  });
  afterAll(async () => {
    await http.stop();
  });
  afterEach(async () => {
    for (const server of tcp.splice(0)) await server.stop();
  });

  async function startTcp(onConnection: (socket: net.Socket) => void): Promise<RawHttpClient> {
    const started = await tcpServer(onConnection);
    tcp.push(started);
    return clientFor(started.url);
  }

  it('parses the answer and records the exchange as sent and answered, problems validated', async () => {
    const raw = clientFor(http.url);
    const { answer, entry } = await raw.exchange({
      method: 'POST',
      path: '/problem',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'raw-1' },
      body: '{"records":[]}',
      interface: 'demo',
    });
    expect(answer).toEqual({
      status: 400,
      headers: expect.objectContaining({ 'content-type': 'application/problem+json', server: 'tiny' }),
      body: JSON.parse(problem),
    });
    expect(ledger.entries().at(-1)).toEqual(entry);
    expect(entry).toMatchObject({
      kind: 'exchange',
      from: 'suite',
      to: 'sut',
      interface: 'demo',
      method: 'POST',
      path: '/problem',
      correlationId: 'raw-1',
      requestHeaders: {
        host: new URL(http.url).host,
        connection: 'close',
        'content-type': 'application/json',
        'x-correlation-id': 'raw-1',
        'content-length': '14',
      },
      requestBody: '{"records":[]}',
      outcome: 'answered',
      status: 400,
      responseHeaders: { 'content-type': 'application/problem+json', 'x-correlation-id': 'raw-1' },
      responseBody: JSON.parse(problem),
      error: null,
      validation: { request: null, response: { messageType: 'common/problem', valid: true } },
    });
    expect(entry.responseHeaders).not.toHaveProperty('server');
    expect(entry.durationMs).toBe(entry.endMs - entry.startMs);
    expect(entry.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reads chunked answers, and validates only problem answers', async () => {
    const raw = clientFor(http.url);
    const { answer, entry } = await raw.exchange({ method: 'GET', path: '/chunked' });
    expect(answer).toMatchObject({ status: 200, body: 'first second' });
    expect(entry).toMatchObject({ correlationId: null, requestBody: null, responseBody: 'first second' });
    expect(entry.validation.response).toBeNull();
  });

  it('keeps small UTF-8 bodies as text, and summarises large or undecodable ones', async () => {
    const raw = clientFor(http.url);
    const large = Buffer.alloc(100 * 1024, 'a');
    const undecodable = Buffer.from([0x7b, 0xff, 0x7d]);
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const sent = async (body: Buffer) =>
      (await raw.exchange({ method: 'POST', path: '/count', body })).entry.requestBody;
    expect(await sent(large)).toEqual({ bytes: large.length, sha256: sha256(large), head: 'a'.repeat(256) });
    expect(await sent(undecodable)).toEqual({ bytes: 3, sha256: sha256(undecodable), base64: 'e/99' });
  });

  it('observes a connection the server closes, with its time, and what was sent', async () => {
    const client = await startTcp((socket) => setTimeout(() => socket.end(), 150));
    const connection = await client.open({ interface: 'demo' });
    const written = 'POST /demo HTTP/1.1\r\nhost: x\r\ncontent-type: app';
    await connection.write(written);
    const closedAfter = await connection.closedWithin(2_000);
    expect(closedAfter).toBeGreaterThanOrEqual(140);
    expect(closedAfter).toBeLessThan(2_000);
    expect(connection.closedAfterMs).toBe(closedAfter);
    expect(connection.answer).toBeNull();
    const entry = connection.close();
    expect(connection.close()).toBe(entry);
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/demo',
      correlationId: null,
      requestHeaders: { host: 'x' },
      requestBody: null,
      outcome: 'network-error',
      status: null,
      error: `server closed the connection after ${closedAfter} ms without answering (sent ${written.length} bytes of a head never completed)`,
    });
    expect(Math.round(entry.durationMs)).toBe(closedAfter);
  });

  it('observes a reset by the server', async () => {
    const client = await startTcp((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const { answer, entry } = await client.exchange({ method: 'GET', path: '/health' });
    expect(answer).toBeNull();
    expect(entry.outcome).toBe('network-error');
    expect(entry.error).toMatch(
      /^server reset the connection after \d+ ms without answering \(sent the head/,
    );
  });

  it('gives up on a write the server never reads, as a timeout', async () => {
    const client = await startTcp((socket) => socket.pause());
    const connection = await client.open();
    await connection.write(client.encode({ method: 'POST', path: '/stalled', headers: {} }).subarray(0, -2));
    await connection.write('\r\n');
    expect(await connection.write(Buffer.alloc(64 * MIB))).toBe(false);
    const entry = connection.close();
    expect(entry.outcome).toBe('timeout');
    expect(entry.error).toMatch(
      new RegExp(
        `^a write of ${64 * MIB} bytes was not taken within ${WAIT_MS} ms; tekigo closed the connection`,
      ),
    );
    expect(entry.requestBody).toMatchObject({ bytes: 64 * MIB });
  });

  it('records a wait that runs out as a timeout, and a reset of its own as aborted', async () => {
    const client = await startTcp(() => {});
    const waited = await client.open();
    await waited.write('GET / HTTP/1.1\r\n');
    expect(await waited.answeredOrClosedWithin(100)).toBeNull();
    expect(waited.close()).toMatchObject({
      method: 'GET',
      outcome: 'timeout',
      error: expect.stringMatching(/^no answer and no close within 100 ms of opening; tekigo closed/),
    });
    const impatient = await client.open();
    expect(impatient.reset()).toMatchObject({
      method: '',
      outcome: 'aborted',
      error: expect.stringMatching(
        /^tekigo reset the connection after \d+ ms without waiting .*\(sent nothing\)$/,
      ),
    });
  });

  it('stops streaming when an answer arrives while it is still sending', async () => {
    const raw = clientFor(http.url);
    const streamed = await raw.stream({
      method: 'POST',
      path: '/refuse-at-once',
      framing: 'content-length',
      bytes: 64 * MIB,
    });
    expect(streamed.answer?.status).toBe(413);
    expect(streamed.answeredWhileSending).toBe(true);
    expect(streamed.sentBytes).toBeLessThan(64 * MIB);
    expect(streamed.entry).toMatchObject({
      outcome: 'answered',
      status: 413,
      requestHeaders: { 'content-length': String(64 * MIB) },
      requestBody: { bytes: streamed.sentBytes },
    });
  });

  it('streams a whole chunked body when the server reads it all', async () => {
    const raw = clientFor(http.url);
    const bytes = 600 * 1024;
    const streamed = await raw.stream({ method: 'POST', path: '/count', framing: 'chunked', bytes });
    expect(streamed).toMatchObject({ sentBytes: bytes, answeredWhileSending: false });
    expect(streamed.answer?.body).toEqual({ received: bytes });
    expect(streamed.entry.requestHeaders['transfer-encoding']).toBe('chunked');
  });

  it('throws TARGET_UNREACHABLE when nothing listens, after recording the attempt', async () => {
    const gone = await tcpServer(() => {});
    await gone.stop();
    const own = new Ledger();
    const client = createRawHttpClient({ baseUrl: gone.url, ledger: own, validate });
    const attempt = client.exchange({ method: 'GET', path: '/health' });
    await expect(attempt).rejects.toBeInstanceOf(TekigoEnvironmentError);
    await expect(attempt).rejects.toMatchObject({ code: 'TARGET_UNREACHABLE', details: { seq: 1 } });
    expect(own.entries({ kind: 'exchange' })[0]).toMatchObject({
      method: 'GET',
      path: '/health',
      outcome: 'network-error',
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
