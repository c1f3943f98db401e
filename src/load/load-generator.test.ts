import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLoad } from './load-generator.ts';

let server: Server;
let url: string;
const answerAfterMs = 20;

beforeAll(async () => {
  server = createServer((_req, res) => {
    setTimeout(() => res.end('{}'), answerAfterMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('generateLoad', () => {
  it('closed loop: measures each request from its send', async () => {
    const result = await generateLoad({ url, connections: 2, durationMs: 300 });
    expect(result.mode).toBe('closed-loop');
    expect(result.requests).toBeGreaterThan(5);
    expect(result.errors).toBe(0);
    expect(result.latencyMs.p50).toBeGreaterThanOrEqual(answerAfterMs - 1);
  });

  it('open loop: charges the wait for a busy connection to the request (no coordinated omission)', async () => {
    // One connection answering in 20 ms cannot serve 100 req/s: requests queue, and their
    // latency from the due time grows well past the 20 ms a closed loop would report.
    const result = await generateLoad({ url, connections: 1, durationMs: 500, rate: 100 });
    expect(result.mode).toBe('open-loop');
    expect(result.requests).toBe(50);
    expect(result.latencyMs.max).toBeGreaterThan(150);
  });

  it('refuses a rate of 0', async () => {
    await expect(generateLoad({ url, connections: 1, durationMs: 10, rate: 0 })).rejects.toThrow(/rate/);
  });
});
