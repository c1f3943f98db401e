import { describe, expect, it } from 'vitest';
import { InjectedInternalFailure, interfaceOfRoute, withFaultHooks } from './fault-hooks.ts';
import { jsonReply, noContent, type Reply, type RequestContext, type Route } from './http-app.ts';

const context = (body?: unknown): RequestContext => ({
  method: 'GET',
  path: '/',
  params: {},
  query: new URLSearchParams(),
  body,
  correlationId: 'c-1',
});

function role(
  options: { pacing?: (hooks: Readonly<Record<string, unknown>>) => void; testMode?: boolean } = {},
) {
  const resets: number[] = [];
  const routes: Route[] = [
    { method: 'GET', path: '/reconciliation', handle: () => jsonReply(200, { entries: [] }) },
    { method: 'POST', path: '/revocation-requests', body: 'json', handle: () => jsonReply(200, {}) },
    {
      method: 'POST',
      path: '/conformance/reset',
      handle: () => {
        resets.push(1);
        return noContent;
      },
    },
  ];
  const hooked = withFaultHooks(routes, {
    validate: () => [],
    testMode: options.testMode ?? true,
    ...(options.pacing ? { pacing: { members: ['cardProcessing'], apply: options.pacing } } : {}),
  });
  const call = (method: string, path: string, body?: unknown): Reply | Promise<Reply> => {
    const route = hooked.find((r) => r.method === method && r.path === path);
    if (!route) throw new Error(`no route ${method} ${path}`);
    return route.handle(context(body));
  };
  return { hooked, call, resets };
}

describe('withFaultHooks', () => {
  it('fails the next count requests on the interface by throwing, then serves normally', async () => {
    const { call } = role();
    expect(
      (
        await call('PUT', '/conformance/hooks', {
          internalFailure: { interface: 'reconciliation', count: 2 },
        })
      ).status,
    ).toBe(204);
    expect(await call('POST', '/revocation-requests', {})).toMatchObject({ status: 200 });
    for (let n = 0; n < 2; n += 1)
      expect(() => call('GET', '/reconciliation')).toThrow(InjectedInternalFailure);
    expect(await call('GET', '/reconciliation')).toMatchObject({ status: 200 });
  });

  it('throws what a leaky handler would reveal: a file path, a query and a library version', () => {
    const { message, stack } = new InjectedInternalFailure('reconciliation');
    expect(message).toMatch(/\/[\w.-]+\/[\w.-]+\.[jt]s\b/);
    expect(message).toMatch(/SELECT .+ FROM/);
    expect(message).toMatch(/\d+\.\d+\.\d+/);
    expect(stack).toMatch(/\n\s+at /);
  });

  it('is disarmed by reset and by a later PUT, and never fails PUT /conformance/hooks', async () => {
    const { call, resets } = role();
    await call('PUT', '/conformance/hooks', { internalFailure: { interface: 'upper-tester', count: 5 } });
    expect((await call('PUT', '/conformance/hooks', {})).status).toBe(204);
    await call('PUT', '/conformance/hooks', { internalFailure: { interface: 'reconciliation', count: 5 } });
    expect(await call('POST', '/conformance/reset')).toBe(noContent);
    expect(resets).toHaveLength(1);
    expect(await call('GET', '/reconciliation')).toMatchObject({ status: 200 });
  });

  it('refuses a hook the role does not offer, naming it, and hands the role its own hooks', async () => {
    expect(
      await role().call('PUT', '/conformance/hooks', { cardProcessing: { hold: 'received' } }),
    ).toMatchObject({
      status: 400,
      body: { errors: [{ pointer: '/cardProcessing' }] },
    });
    const paced: unknown[] = [];
    const { call } = role({ pacing: (hooks) => paced.push(hooks) });
    await call('PUT', '/conformance/hooks', {
      cardProcessing: { hold: 'received' },
      internalFailure: { interface: 'reconciliation', count: 1 },
    });
    expect(paced).toEqual([{ cardProcessing: { hold: 'received' } }]);
  });

  it('adds nothing outside test mode', () => {
    expect(role({ testMode: false }).hooked.map((r) => r.path)).not.toContain('/conformance/hooks');
  });

  it('names the interface of a route by its first segment', () => {
    expect(interfaceOfRoute('/dead-letters/:id/redrive')).toBe('dead-letters');
    expect(interfaceOfRoute('/card-batches/:batchId')).toBe('card-production');
    expect(interfaceOfRoute('/relay/messages')).toBe('relay-forwarding');
  });
});
