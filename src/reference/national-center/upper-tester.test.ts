import { describe, expect, it } from 'vitest';
import {
  call,
  change,
  env,
  ITEMS,
  outcomes,
  RESIDENTS,
  sendChanges,
  start,
  today,
} from './nc-test-harness.ts';

const [A] = RESIDENTS;

describe('upper tester, health and reconciliation', () => {
  it('declares its capabilities, hooks and limits within the spec, and has no stimulus kind', async () => {
    await start();
    const capabilities = await call('GET', '/conformance/capabilities');
    expect(env.spec.validate('upper-tester/capabilities', capabilities.body).errors).toEqual([]);
    expect(capabilities.body.features.hooks).toEqual(['card-processing', 'internal-failure']);
    const stimulus = await call('POST', '/conformance/stimulus', { kind: 'submit-card-batch' });
    expect(stimulus.status).toBe(400);
    expect(stimulus.body.errors[0].pointer).toBe('/kind');
    expect((await call('PUT', '/conformance/hooks', { cardProcessing: { hold: 'later' } })).status).toBe(400);
    const health = await call('GET', '/health');
    expect(env.spec.validate('health/health', health.body).errors).toEqual([]);
    expect(health.body.status).toBe('up');
  });

  it('answers reconciliation for every party and names a bad parameter', async () => {
    await start();
    const never = await call('GET', `/reconciliation?date=${today()}&peer=print-service`);
    expect(never.status).toBe(200);
    expect(never.body.entries).toEqual([]);
    const bad = await call('GET', `/reconciliation?date=${today()}&peer=nobody`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/peer']);
  });

  it('forgets the residents it held on reset', async () => {
    await start();
    await sendChanges([change(A, 'birth')]);
    expect((await call('POST', '/conformance/reset')).status).toBe(204);
    expect(outcomes(await sendChanges([change(A, 'birth')]))).toEqual(['accepted']);
  });

  it('serves no upper tester outside test mode', async () => {
    await start({ testMode: false });
    const res = await call('GET', '/conformance/capabilities');
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('urn:tekigo:problem:not-test-mode');
  });
});

describe('log', () => {
  it('names a correlation id in every entry and never the four items', async () => {
    const entries: Record<string, unknown>[] = [];
    await start({ log: (entry) => entries.push(entry) });
    await sendChanges([change(A, 'birth'), change(A, 'address-change')]);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(typeof entry.correlationId).toBe('string');
    const text = JSON.stringify(entries);
    for (const item of [ITEMS.name.kanji, ITEMS.name.kana, ITEMS.address, ITEMS.dateOfBirth])
      expect(text).not.toContain(item);
    expect(entries.find((entry) => entry.event === 'records-received')?.recordIds).toHaveLength(2);
  });
});
