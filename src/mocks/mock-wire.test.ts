import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { toLightRequest } from './mock-wire.ts';

const incoming = (method: string, headers: Record<string, string | string[]>) =>
  ({ method, headers }) as unknown as IncomingMessage;

describe('toLightRequest', () => {
  it('reads like the fetch Request the handlers expect', async () => {
    const body = new TextEncoder().encode('{"a":"é"}');
    const request = toLightRequest(
      incoming('post', { host: '127.0.0.1:9', 'content-type': 'application/json', accept: ['a', 'b'] }),
      new URL('http://x/items/1?date=2026-12-02'),
      body,
      new AbortController().signal,
    );
    expect(request.method).toBe('POST');
    expect(new URL(request.url).searchParams.get('date')).toBe('2026-12-02');
    expect(request.url).toBe('http://127.0.0.1:9/items/1?date=2026-12-02');
    expect(request.headers.get('Content-Type')).toBe('application/json');
    expect(request.headers.get('accept')).toBe('a, b');
    expect(request.headers.get('x-missing')).toBeNull();
    expect(await request.json()).toEqual({ a: 'é' });
    expect(await request.clone().text()).toBe('{"a":"é"}');
  });

  it('has no body on GET and rejects json() of a body that is not JSON', async () => {
    const get = toLightRequest(incoming('GET', {}), new URL('http://x/'), null, new AbortController().signal);
    expect(await get.text()).toBe('');
    const bad = toLightRequest(
      incoming('PUT', {}),
      new URL('http://x/'),
      new TextEncoder().encode('nope'),
      new AbortController().signal,
    );
    await expect(bad.json()).rejects.toThrow();
  });
});
