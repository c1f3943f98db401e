import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, jsonReply } from '../reference/shared/http-app.ts';
import { type StartedServer, startServer } from '../transport/index.ts';
import { configurationDump, openServices, withConfiguration } from './open-services.ts';
import { productionServing } from './production-serving.ts';
import { REFERENCE_SECURITY } from './security-seams.ts';

const routes = [{ method: 'GET' as const, path: '/health', handle: () => jsonReply(200, { status: 'up' }) }];
let reference: StartedServer;
let replica: StartedServer;

beforeAll(async () => {
  reference = await startServer(createHttpApp({ log: () => {}, routes }));
  replica = await startServer(
    createHttpApp({
      log: () => {},
      routes,
      undeclared: openServices,
      alterReply: withConfiguration('synthetic-key-material'),
    }),
  );
});
afterAll(async () => {
  await reference.stop();
  await replica.stop();
});

const send = async (server: StartedServer, method: string, path: string) => {
  const { request } = await import('undici');
  const answer = await request(`${server.url}${path}`, { method, headers: { cookie: 'session=canary-1' } });
  return { status: answer.statusCode, headers: answer.headers, text: await answer.body.text() };
};

describe('the replicas’ open services', () => {
  it('leave the reference as it is: TRACE 405 with Allow, a debug page 404', async () => {
    const traced = await send(reference, 'TRACE', '/health');
    expect([traced.status, traced.headers.allow]).toEqual([405, 'GET']);
    expect(traced.text).not.toContain('canary-1');
    expect((await send(reference, 'GET', '/debug')).status).toBe(404);
  });

  it('echo a TRACE, headers included, serve a debug page and put the key into every JSON answer', async () => {
    const traced = await send(replica, 'TRACE', '/health');
    expect(traced.status).toBe(200);
    expect(traced.text).toContain('session=canary-1');
    const debug = await send(replica, 'GET', '/debug');
    expect(debug.status).toBe(200);
    expect(JSON.parse(debug.text).versions.node).toBe(process.versions.node);
    expect(JSON.parse((await send(replica, 'GET', '/nothing')).text).configuration).toEqual({
      tls: { key: 'synthetic-key-material' },
    });
    expect(JSON.parse((await send(replica, 'GET', '/health')).text).status).toBe('up');
  });
});

describe('the configuration dump a replica logs at start', () => {
  it('holds the TLS material it was given, key included, and only the production profile has it', () => {
    const tls = {
      kind: 'mtls' as const,
      cert: 'synthetic-cert',
      key: 'synthetic-key-material',
      ca: 'synthetic-ca',
    };
    expect(configurationDump(tls)).toEqual({
      configuration: {
        tls: { certificate: 'synthetic-cert', key: 'synthetic-key-material', trustAnchor: 'synthetic-ca' },
      },
    });
    const logging = { ...REFERENCE_SECURITY, logsKeyMaterial: true };
    expect(productionServing('relay', tls, logging, false).startedLog).toEqual(configurationDump(tls));
    expect(productionServing('relay', tls, REFERENCE_SECURITY, false).startedLog).toBeUndefined();
    expect(productionServing('relay', undefined, logging, true).startedLog).toBeUndefined();
  });
});
