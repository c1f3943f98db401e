import { describe, expect, it } from 'vitest';
import { generateLoad } from '../load/load-generator.ts';
import { startMock } from './mock-runtime.ts';

describe('a mock under a burst', () => {
  it('records every exchange it answered in its ledger, nothing lost', async () => {
    const mock = await startMock({ role: 'national-center' });
    const load = await generateLoad({ url: mock.url, path: '/health', connections: 16, durationMs: 500 });
    await mock.stop();
    const exchanges = mock.ledger.since(0).filter((entry) => entry.kind === 'exchange');
    expect(load.errors).toBe(0);
    expect(load.requests).toBeGreaterThan(16);
    expect(exchanges).toHaveLength(load.requests);
    expect(
      exchanges.every((e) => e.kind === 'exchange' && e.status === 200 && e.outcome === 'answered'),
    ).toBe(true);
  });
});
