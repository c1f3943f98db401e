import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TekigoEnvironmentError } from '../errors.ts';
import { Ledger } from '../evidence/ledger.ts';
import type { Validate } from '../evidence/validate.ts';
import { type StartedServer, startServer } from '../transport/index.ts';
import { createSutClient, type SutClient } from './sut-client.ts';

// The stub accepts objects and names what it was asked, so tests see which type was applied.
const validate: Validate = (messageType, value) => ({
  messageType,
  valid: typeof value === 'object' && value !== null,
  errors:
    typeof value === 'object' && value !== null
      ? []
      : [{ instancePath: '', schemaPath: '#/type', keyword: 'type', message: 'must be object' }],
});

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function route(req: IncomingMessage, res: ServerResponse): void {
  const correlation = req.headers['x-correlation-id'] ?? '';
  const send = (status: number, contentType: string, body: string) => {
    res.writeHead(status, { 'content-type': contentType, 'x-correlation-id': correlation, server: 'tiny' });
    res.end(body);
  };
  void readBody(req).then((body) => {
    switch (req.url) {
      case '/echo':
        return send(
          200,
          'application/json',
          JSON.stringify({ method: req.method, contentType: req.headers['content-type'] ?? null, body }),
        );
      case '/problem':
        return send(
          400,
          'application/problem+json',
          JSON.stringify({ type: 'urn:tekigo:problem:validation', title: 'Bad', status: 400 }),
        );
      case '/accepted':
        return send(202, 'application/json', '{"ok":true}');
      case '/text':
        return send(200, 'text/plain', 'plain words');
      case '/slow-retry':
        res.writeHead(503, { 'retry-after': '2', 'content-type': 'application/problem+json' });
        return res.end('{"type":"urn:tekigo:problem:unavailable","title":"Unavailable","status":503}');
      case '/hang':
        return; // never answers
      case '/reset':
        return req.socket.resetAndDestroy();
      default:
        return send(404, 'application/problem+json', '{}');
    }
  });
}

describe('SutClient', () => {
  let server: StartedServer;
  let ledger: Ledger;
  let client: SutClient;

  beforeAll(async () => {
    server = await startServer(route);
    ledger = new Ledger();
    client = createSutClient({ baseUrl: `${server.url}/`, ledger, validate, timeoutMs: 2_000 });
  });
  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  it('sends a correlation id, records the exchange and validates what it was told to', async () => {
    const answer = await client.post(
      '/echo',
      { hello: 'world' },
      { interface: 'demo', requestType: 'demo/request', responseType: 'demo/response' },
    );
    expect(answer.status).toBe(200);
    expect(answer.outcome).toBe('answered');
    expect(answer.correlationId).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    expect(answer.headers['x-correlation-id']).toBe(answer.correlationId);
    expect(answer.headers.server).toBe('tiny');
    expect(answer.body).toEqual({
      method: 'POST',
      contentType: 'application/json',
      body: '{"hello":"world"}',
    });
    const { entry } = answer;
    expect(ledger.entries().at(-1)).toEqual(entry);
    expect(entry).toMatchObject({
      kind: 'exchange',
      from: 'suite',
      to: 'sut',
      interface: 'demo',
      method: 'POST',
      path: '/echo',
      correlationId: answer.correlationId,
      requestBody: { hello: 'world' },
      requestHeaders: {
        'content-type': 'application/json',
        'content-length': '17',
        'x-correlation-id': answer.correlationId,
      },
      responseHeaders: { 'content-type': 'application/json', 'x-correlation-id': answer.correlationId },
      status: 200,
      error: null,
      validation: {
        request: { messageType: 'demo/request', valid: true },
        response: { messageType: 'demo/response', valid: true },
      },
    });
    expect(entry.responseHeaders).not.toHaveProperty('server');
    expect(entry.endMs).toBeGreaterThanOrEqual(entry.startMs);
  });

  it('uses a correlation id the caller gives and sends strings as they are', async () => {
    const answer = await client.request({
      method: 'PUT',
      path: '/echo',
      body: '{not json',
      headers: { 'X-Correlation-Id': 'fixed-1', 'Content-Type': 'application/json' },
      requestType: 'demo/request',
    });
    expect(answer.correlationId).toBe('fixed-1');
    expect(answer.body).toMatchObject({ body: '{not json', method: 'PUT' });
    expect(answer.entry.requestBody).toBe('{not json');
    expect(answer.entry.validation.request?.valid).toBe(false);
  });

  it('judges problem+json answers as common/problem and never throws for a status', async () => {
    const answer = await client.get('/problem', { responseType: 'demo/response' });
    expect(answer.status).toBe(400);
    expect(answer.entry.validation.response?.messageType).toBe('common/problem');
  });

  it('lets a function pick the response type per status; plain types apply to 2xx only', async () => {
    const picked = await client.get('/accepted', {
      responseType: (s) => (s === 202 ? 'demo/accepted' : null),
    });
    expect(picked.entry.validation.response?.messageType).toBe('demo/accepted');
    const text = await client.get('/text', { responseType: 'demo/response' });
    expect(text.body).toBe('plain words');
    expect(text.entry.validation.response).toMatchObject({ messageType: 'demo/response', valid: false });
    const none = await client.get('/nowhere', { responseType: 'demo/response' });
    expect(none.entry.validation.response?.messageType).toBe('common/problem');
  });

  it('captures Retry-After', async () => {
    const answer = await client.get('/slow-retry');
    expect(answer.status).toBe(503);
    expect(answer.entry.responseHeaders['retry-after']).toBe('2');
  });

  it('returns a timeout result after the timeout instead of throwing', async () => {
    const answer = await client.get('/hang', { timeoutMs: 150, responseType: 'demo/response' });
    expect(answer).toMatchObject({ status: null, outcome: 'timeout', body: null });
    expect(answer.entry.outcome).toBe('timeout');
    expect(answer.entry.error).toContain('150 ms');
    expect(answer.entry.durationMs).toBeGreaterThanOrEqual(140);
    expect(answer.entry.validation.response).toBeNull();
  });

  it('reports a reset connection as a network error', async () => {
    const answer = await client.get('/reset');
    expect(answer.status).toBeNull();
    expect(answer.outcome).toBe('network-error');
    expect(answer.entry.error).toBeTruthy();
  });

  it('throws TARGET_UNREACHABLE when nothing listens, after recording the attempt', async () => {
    const gone = await startServer(route);
    await gone.stop();
    const own = new Ledger();
    const lonely = createSutClient({ baseUrl: gone.url, ledger: own, validate });
    const attempt = lonely.get('/health');
    await expect(attempt).rejects.toBeInstanceOf(TekigoEnvironmentError);
    await expect(attempt).rejects.toMatchObject({ code: 'TARGET_UNREACHABLE' });
    await expect(attempt).rejects.toThrow(gone.url);
    expect(own.entries({ kind: 'exchange' })[0]?.outcome).toBe('network-error');
    await lonely.close();
  });
});
