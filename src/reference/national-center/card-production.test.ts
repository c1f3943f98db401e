import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  acknowledge,
  answer,
  call,
  cardBatch,
  change,
  env,
  NAGANO,
  RESIDENTS,
  sendChanges,
  start,
  startPeer,
  today,
  waitFor,
} from './nc-test-harness.ts';

const [A, B, C] = RESIDENTS;

const status = async (batchId: string) => {
  const res = await call('GET', `/card-batches/${batchId}`);
  expect(res.status).toBe(200);
  expect(env.spec.validate('card-production/batch-status', res.body).errors).toEqual([]);
  return res.body;
};

describe('card-production', () => {
  it('answers 202 with the status URL, then registers held residents and fails the others', async () => {
    await start();
    await sendChanges([change(A, 'birth'), change(B, 'birth')]);
    const batch = cardBatch([A, B, C]);
    const res = await call('POST', '/card-batches', batch);
    expect(res.status).toBe(202);
    expect(env.spec.validate('card-production/batch-accepted', res.body).errors).toEqual([]);
    expect(res.headers.get('location')).toBe(res.body.statusUrl);
    const done = await waitFor(
      () => status(batch.batchId),
      (body) => body.state !== 'received' && body.state !== 'processing',
    );
    expect(done.state).toBe('partially-completed');
    expect(done.records.map((r: { outcome: string }) => r.outcome)).toEqual([
      'registered',
      'registered',
      'failed',
    ]);
    expect(done.counts).toEqual({ total: 3, pending: 0, registered: 2, failed: 1 });
    // The same batch again: same status URL, nothing new; other content under its id: 409.
    const again = await call('POST', '/card-batches', { ...batch, sentAt: new Date().toISOString() });
    expect(again.status).toBe(202);
    expect(again.body.statusUrl).toBe(res.body.statusUrl);
    expect((await call('POST', '/card-batches', { ...batch, municipalityCode: NAGANO })).status).toBe(409);
    const unknown = await call('GET', `/card-batches/${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('urn:tekigo:problem:unknown-batch');
    const report = await call('GET', `/reconciliation?date=${today()}&peer=municipality`);
    const cards = report.body.entries.find((e: { interface: string }) => e.interface === 'card-production');
    expect(cards.counts).toMatchObject({ total: 3, accepted: 3, rejected: 0 });
  });

  it('holds batches in received or mid-processing as the hooks say, with counts that agree at every poll', async () => {
    await start();
    await sendChanges([change(A, 'birth'), change(B, 'birth'), change(C, 'birth')]);
    expect((await call('PUT', '/conformance/hooks', { cardProcessing: { hold: 'received' } })).status).toBe(
      204,
    );
    const batch = cardBatch([A, B, C]);
    await call('POST', '/card-batches', batch);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await status(batch.batchId)).state).toBe('received');
    await call('PUT', '/conformance/hooks', { cardProcessing: { hold: 'processing', decideBeforeHold: 1 } });
    const held = await waitFor(
      () => status(batch.batchId),
      (body) => body.counts.registered === 1,
    );
    expect(held.state).toBe('processing');
    expect(held.counts).toEqual({ total: 3, pending: 2, registered: 1, failed: 0 });
    await call('PUT', '/conformance/hooks', {});
    await waitFor(
      () => status(batch.batchId),
      (body) => body.state === 'completed',
    );
  });

  it('re-sends a notice with the same id and content until acknowledged, to the municipality it concerns', async () => {
    const nagano = await startPeer(acknowledge);
    try {
      await start(
        {},
        {
          municipality: (arrival, res, n) =>
            n <= 2 ? res.writeHead(503).end() : acknowledge(arrival, res, n),
        },
      );
      await call('PUT', '/conformance/peers', {
        peers: {
          municipality: {
            baseUrl: env.municipality.server.url,
            municipalities: { [NAGANO]: { baseUrl: nagano.server.url } },
          },
          'certification-authority': { baseUrl: env.authority.server.url },
        },
      });
      await sendChanges([change(A, 'birth')]);
      await sendChanges([change(B, 'birth')], NAGANO);
      await call('POST', '/card-batches', cardBatch([A]));
      await call('POST', '/card-batches', cardBatch([B], NAGANO));
      await waitFor(
        () => env.municipality.arrivals.length,
        (n) => n === 3,
      );
      await waitFor(
        () => nagano.arrivals.length,
        (n) => n === 1,
      );
      const bodies = env.municipality.arrivals.map((a) => a.body);
      expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
      expect(env.spec.validate('registration-notices/notice', bodies[0]).errors).toEqual([]);
      expect(bodies[0]).toMatchObject({ final: true, records: [{ outcome: 'registered' }] });
      expect(nagano.arrivals[0]?.body.municipalityCode).toBe(NAGANO);
      const report = await call('GET', `/reconciliation?date=${today()}&peer=municipality`);
      const notices = report.body.entries.find(
        (e: { interface: string }) => e.interface === 'registration-notices',
      );
      expect(notices.counts).toMatchObject({ total: 2, accepted: 2, pending: 0 });
    } finally {
      await nagano.server.stop();
    }
  });

  it('dead-letters a notice the municipality refuses with a 404, and reports degraded health', async () => {
    await start(
      {},
      {
        municipality: (_arrival, res) =>
          answer(res, 404, { type: 'urn:tekigo:problem:not-found', title: 'No', status: 404 }),
      },
    );
    await sendChanges([change(A, 'birth')]);
    await call('POST', '/card-batches', cardBatch([A]));
    const letters = await waitFor(
      async () => (await call('GET', '/dead-letters?interface=registration-notices')).body.items,
      (items) => items.length === 1,
    );
    expect(letters[0]).toMatchObject({
      reason: 'rejected',
      recordId: env.municipality.arrivals[0]?.body.noticeId,
    });
    expect((await call('GET', '/health')).body.status).toBe('degraded');
  });
});
