import { describe, expect, it } from 'vitest';
import { defineCheck } from '../checks/define-check.ts';
import { definitionFailsAlready, failsAlready, pollUntil } from './early-conclusion.ts';

const atMostTwo = defineCheck<{ sent: number }>({
  name: 'at-most-two',
  requirements: ['GEN-SEND-006'],
  judge: ({ sent }) => ({
    requirement: 'GEN-SEND-006',
    verdict: sent <= 2 ? 'pass' : 'fail',
    message: `${sent} sent`,
    evidence: [],
  }),
});

describe('early conclusion', () => {
  it('ends the wait as soon as a judgement that cannot recover fails', async () => {
    let sent = 0;
    const started = performance.now();
    const value = await pollUntil(
      async () => {
        sent += 1;
        return undefined;
      },
      { timeoutMs: 5_000, intervalMs: 1, concludeIf: definitionFailsAlready(atMostTwo, () => ({ sent })) },
    );
    expect(value).toBeUndefined();
    expect(sent).toBe(3);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('waits the whole bound when the judgement keeps passing', async () => {
    const started = performance.now();
    const value = await pollUntil(async () => undefined, {
      timeoutMs: 120,
      intervalMs: 10,
      concludeIf: failsAlready(() => atMostTwo.judge({ sent: 0 })),
    });
    expect(value).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(120);
  });

  it('returns what the probe found', async () => {
    expect(await pollUntil(async () => 7, { timeoutMs: 10 })).toBe(7);
  });
});
