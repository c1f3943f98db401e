import type { Socket } from 'node:net';
import type { buildConnector } from 'undici';
import { describe, expect, it } from 'vitest';
import { lateSendingConnector } from './late-sending.ts';

type Outcome = [error: Error | null, socket: Socket | null];

/** A connector that connects at once with `socket`, and a delay the test ends when it likes. */
function harness(socket: { destroyed: boolean }) {
  const connect = ((_target, callback) =>
    callback(null, socket as unknown as Socket)) as buildConnector.connector;
  let release = () => {};
  const asked: number[] = [];
  const wait = (ms: number) => {
    asked.push(ms);
    return new Promise<void>((resolve) => {
      release = resolve;
    });
  };
  const outcomes: Outcome[] = [];
  const connector = lateSendingConnector(connect, 1_500, wait);
  connector({ hostname: '127.0.0.1', host: '127.0.0.1', protocol: 'https:', port: '443' }, ((
    error: Error | null,
    connected: Socket | null,
  ) => outcomes.push([error, connected])) as never);
  return { outcomes, asked, release: () => release() };
}

describe('lateSendingConnector', () => {
  it('hands the connected socket over only once the delay has run out', async () => {
    const socket = { destroyed: false };
    const { outcomes, asked, release } = harness(socket);
    expect(asked).toEqual([1_500]);
    await Promise.resolve();
    expect(outcomes).toEqual([]);
    release();
    await new Promise(setImmediate);
    expect(outcomes).toEqual([[null, socket]]);
  });

  it('reports a connection the server ended during the delay as a connection error', async () => {
    const socket = { destroyed: false };
    const { outcomes, release } = harness(socket);
    socket.destroyed = true;
    release();
    await new Promise(setImmediate);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]?.[1]).toBeNull();
    expect(outcomes[0]?.[0]).toMatchObject({ code: 'ECONNRESET' });
  });
});
