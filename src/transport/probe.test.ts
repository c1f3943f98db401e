import { createServer, type RequestListener, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.ts';
import { describeProbe, probeHttp } from './probe.ts';

const servers: net.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    (server as Server).closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: RequestListener, port = 0): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('probeHttp', () => {
  it('reads a huge body through, keeping only its start', async () => {
    const url = await serve((_req, res) => res.end('x'.repeat(1024 * 1024)));
    const result = await probeHttp(url, { timeoutMs: 5_000 });
    expect(result).toMatchObject({ kind: 'answered', answer: { status: 200, truncated: true } });
    expect(result.kind === 'answered' && result.answer.body.length).toBe(4_096);
  });

  it('reports a body that never completes as such, with the status that came', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200);
      res.write('{');
    });
    const result = await probeHttp(url, { timeoutMs: 300 });
    expect(result).toEqual({ kind: 'timeout', status: 200, timeoutMs: 300 });
    expect(describeProbe(result)).toBe('answered 200 but the body did not complete within 300 ms');
  });

  it('reports a reset and a refused connection by their codes', async () => {
    const server = net.createServer((socket) => socket.resetAndDestroy());
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const reset = await probeHttp(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      timeoutMs: 2_000,
    });
    expect(reset).toMatchObject({ kind: 'network-error', code: 'ECONNRESET' });
    expect(await probeHttp('http://127.0.0.1:1', { timeoutMs: 2_000 })).toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});

describe('createHttpClient', () => {
  it('reaches ports the fetch standard blocks (6000, 5060, 10080 …)', async () => {
    let url: string | undefined;
    for (const port of [6000, 5060, 10080, 6665, 6697]) {
      url = await serve((_req, res) => res.end('up'), port).catch(() => undefined);
      if (url) break;
    }
    if (!url) throw new Error('none of the blocked ports is free here');
    const client = createHttpClient();
    try {
      const response = await client.fetch(`${url}/health`, { timeoutMs: 3_000 });
      expect(await response.text()).toBe('up');
      expect((await probeHttp(url, { timeoutMs: 3_000 })).kind).toBe('answered');
    } finally {
      await client.close();
    }
  });

  it('keeps a status line outside 200..599 as it came', async () => {
    const server = net.createServer((socket) =>
      socket.once('data', () => socket.end('HTTP/1.1 999 Odd\r\ncontent-length: 2\r\n\r\nok')),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const client = createHttpClient();
    try {
      const response = await client.fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
        timeoutMs: 3_000,
      });
      expect(response.status).toBe(999);
      expect(await response.text()).toBe('ok');
    } finally {
      await client.close();
    }
  });
});
