import net from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { type StartedServer, startServer } from './create-server.ts';

/** Sends `request` in one write and collects what comes back until the server closes. */
function send(
  url: string,
  request: string,
): Promise<{ answer: string; error: string | null; written: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    let answer = '';
    let error: string | null = null;
    let written = false;
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.write(request, (e) => {
      written = !e;
    });
    socket.on('close', () => resolve({ answer, error, written }));
  });
}

describe('refuseInStages', () => {
  let server: StartedServer;
  afterEach(() => server.stop());

  test('an oversized header section is answered 431 and closed with a FIN, while the client is still sending 10 MB', async () => {
    server = await startServer((_req, res) => res.end('acted on it'));
    const padding = 'a'.repeat(10 * 1024 * 1024);
    const sent = await send(
      server.url,
      `POST /x HTTP/1.1\r\nhost: a\r\nx-padding: ${padding}\r\ncontent-length: 2\r\n\r\n{}`,
    );
    expect(sent.answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(sent.answer).not.toContain('acted on it');
    // A close at once with unread input would reset the connection and fail the client's write.
    expect(sent.error).toBeNull();
    expect(sent.written).toBe(true);
  });

  test('a malformed request line is answered 400, and the server goes on serving', async () => {
    server = await startServer((_req, res) => res.end('served'));
    const sent = await send(server.url, 'NOT HTTP AT ALL\r\n\r\n');
    expect(sent.answer).toMatch(/^HTTP\/1\.1 400 /);
    const next = await send(server.url, 'GET / HTTP/1.1\r\nhost: a\r\nconnection: close\r\n\r\n');
    expect(next.answer).toMatch(/^HTTP\/1\.1 200 [\s\S]*served$/);
  });
});
