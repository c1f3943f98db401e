import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedServer, startServer } from '../../transport/index.ts';
import { createHttpApp, jsonReply } from './http-app.ts';
import type { LogEntry } from './json-log.ts';

const logged: LogEntry[] = [];
let server: StartedServer;

beforeAll(async () => {
  server = await startServer(
    createHttpApp({
      log: (entry) => logged.push(entry),
      maxBodyBytes: 64,
      routes: [
        { method: 'POST', path: '/echo', body: 'json', handle: ({ body }) => jsonReply(200, { body }) },
        { method: 'GET', path: '/items/:id', handle: ({ params }) => jsonReply(200, params) },
        { method: 'GET', path: '/under/*', handle: () => jsonReply(200, {}) },
        {
          method: 'GET',
          path: '/boom',
          handle: () => {
            throw new Error('broken on purpose');
          },
        },
      ],
    }),
  );
});

afterAll(() => server.stop());

/** Raw requests, so the test controls exactly the bytes and headers sent. */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Record<string, unknown>;
  }>((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = { 'content-type': 'application/json' };

describe('createHttpApp', () => {
  it('echoes a valid X-Correlation-Id and generates one when it is absent or malformed', async () => {
    expect(
      (await send('GET', '/items/1', { 'x-correlation-id': 'abc.DEF_1-2' })).headers['x-correlation-id'],
    ).toBe('abc.DEF_1-2');
    for (const headers of [{}, { 'x-correlation-id': 'spaces are not allowed' }]) {
      const generated = (await send('GET', '/items/1', headers)).headers['x-correlation-id'];
      expect(generated).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
      expect(generated).not.toBe('spaces are not allowed');
    }
  });

  it('routes path parameters, decoded', async () => {
    expect((await send('GET', '/items/a%20b')).body).toEqual({ id: 'a b' });
  });

  it('answers every error as problem+json carrying the correlation id', async () => {
    const cases = [
      { res: await send('GET', '/nowhere'), status: 404, type: 'not-found' },
      { res: await send('DELETE', '/echo'), status: 405, type: 'not-found' },
      {
        res: await send('POST', '/echo', { 'content-type': 'text/plain' }, '{}'),
        status: 415,
        type: 'unsupported-media-type',
      },
      {
        res: await send('POST', '/echo', json, JSON.stringify({ pad: 'x'.repeat(100) })),
        status: 413,
        type: 'payload-too-large',
      },
      { res: await send('POST', '/echo', json, '{"a":'), status: 400, type: 'validation' },
      {
        res: await send('POST', '/echo', json, Buffer.from([0x22, 0xc3, 0x28, 0x22])),
        status: 400,
        type: 'validation',
      },
      { res: await send('GET', '/items/%E0%A4%A'), status: 400, type: 'validation' },
      { res: await send('GET', '/boom', { 'x-correlation-id': 'boom-1' }), status: 500, type: 'internal' },
      { res: await send('GET', '/a|b^c%zz/%41'), status: 404, type: 'not-found' },
    ];
    for (const { res, status, type } of cases) {
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body).toMatchObject({
        type: `urn:tekigo:problem:${type}`,
        status,
        correlationId: res.headers['x-correlation-id'],
      });
    }
    expect(cases[1]?.res.headers.allow).toBe('POST');
    expect(cases.at(-1)?.res.body.instance).toBe('/a%7Cb%5Ec%25zz/%41');
    expect(cases[4]?.res.body.errors).toEqual([{ pointer: '', detail: 'the body is not valid JSON' }]);
    expect(logged).toContainEqual(
      expect.objectContaining({ event: 'handler-error', correlationId: 'boom-1' }),
    );
  });

  it('matches every deeper path with a last segment *', async () => {
    expect((await send('GET', '/under/a')).status).toBe(200);
    expect((await send('GET', '/under/a/b/')).status).toBe(200);
    expect((await send('GET', '/under')).status).toBe(404);
  });

  it('lets a client still sending an oversized body read the whole refusal', async () => {
    const limit = 16 * 1024 * 1024;
    const outcome = await new Promise<{ status: number; written: number }>((resolve, reject) => {
      let written = 0;
      let answered = false;
      const req = request(`${server.url}/echo`, { method: 'POST', headers: json }, (res) => {
        answered = true;
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, written }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        if (answered || written >= limit) {
          req.end();
          return;
        }
        written += chunk.length;
        req.write(chunk, () => setImmediate(pump));
      };
      pump();
    });
    expect(outcome.status).toBe(413);
    expect(outcome.written).toBeLessThan(limit);
  });

  it('accepts JSON with a charset or a +json media type', async () => {
    expect(
      (await send('POST', '/echo', { 'content-type': 'application/json; charset=utf-8' }, '[1]')).body,
    ).toEqual({ body: [1] });
    expect(
      (await send('POST', '/echo', { 'content-type': 'application/merge-patch+json' }, '"𠮷"')).body,
    ).toEqual({ body: '𠮷' });
  });

  it('logs one line per request with ids only', async () => {
    await send('GET', '/items/secret-name', { 'x-correlation-id': 'log-check' });
    const entry = logged.find((e) => e.correlationId === 'log-check');
    expect(entry).toMatchObject({ event: 'request', route: '/items/:id', status: 200 });
    expect(JSON.stringify(entry)).not.toContain('secret-name');
  });
});

describe('the body deadline on a starved host', () => {
  it('reads a body that arrived while the event loop was blocked past the deadline, instead of answering 408', async () => {
    const slow = await startServer(
      createHttpApp({
        log: () => {},
        bodyTimeoutMs: 50,
        routes: [
          { method: 'POST', path: '/echo', body: 'json', handle: ({ body }) => jsonReply(200, { body }) },
        ],
      }),
    );
    try {
      const answered = new Promise<number>((resolve, reject) => {
        const req = request(`${slow.url}/echo`, { method: 'POST', headers: json }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        // Once the app has started reading the body (its deadline running), the body is sent
        // and the whole process is kept busy past the deadline before anything is read.
        slow.server.once('request', () => {
          req.end('{"a":1}');
          const until = performance.now() + 150;
          while (performance.now() < until) {
            // a starved host: no timer and no input is handled meanwhile
          }
        });
        req.flushHeaders();
      });
      expect(await answered).toBe(200);
    } finally {
      await slow.stop();
    }
  });
});
