import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, test } from 'vitest';
import { type ClientClosed, watchConnection } from './connection-watch.ts';

const REQUEST = 'GET / HTTP/1.1\r\nhost: x\r\n\r\n';

describe('watchConnection', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  async function serve(): Promise<{ port: number; seen: [number, ClientClosed][] }> {
    const seen: [number, ClientClosed][] = [];
    let next = 0;
    server = createServer((req, res) => {
      const settle = watchConnection(
        req.socket,
        () => Date.now(),
        (seq, closed) => seen.push([seq, closed]),
      );
      res.end('answer');
      settle(++next);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return { port: typeof address === 'object' && address ? address.port : 0, seen };
  }
  const open = (port: number) =>
    new Promise<Socket>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket));
    });
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 200 && !done(); i++) await sleep(10);
  };

  test('a client that resets the connection is reported as a reset', async () => {
    const { port, seen } = await serve();
    const socket = await open(port);
    socket.write(REQUEST);
    await sleep(100);
    // What the client's system does when it closes a socket holding bytes nobody read.
    socket.resetAndDestroy();
    await until(() => seen.length > 0);
    expect(seen).toEqual([[1, { closedMs: expect.any(Number), reset: true }]]);
  });

  test('only the latest exchange on a connection is reported, closed in order after a read', async () => {
    const { port, seen } = await serve();
    const socket = await open(port);
    let read = '';
    socket.on('data', (chunk) => {
      read += String(chunk);
    });
    socket.write(REQUEST);
    await until(() => read.includes('answer'));
    socket.write(REQUEST);
    await until(() => read.split('answer').length > 2);
    socket.end();
    await until(() => seen.length > 0);
    expect(seen).toEqual([[2, { closedMs: expect.any(Number), reset: false }]]);
  });

  test('a connection the server closes itself is not reported', async () => {
    const { port, seen } = await serve();
    const socket = await open(port);
    socket.on('data', () => undefined);
    socket.write(REQUEST);
    await sleep(100);
    server?.closeAllConnections();
    await sleep(100);
    expect(seen).toEqual([]);
  });
});
