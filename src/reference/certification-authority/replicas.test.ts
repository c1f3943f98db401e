import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  acceptAllButBad,
  BAD_SERIAL,
  call,
  env,
  FAST,
  issuances,
  issue,
  RESIDENTS,
  sentIds,
  start,
  waitFor,
} from './ca-test-harness.ts';
import { REPLICAS } from './replicas.ts';

describe('replicas', () => {
  it('declares each replica as data with the requirements it violates', () => {
    for (const replica of REPLICAS) {
      expect(replica.role).toBe('certification-authority');
      expect(replica.violates.length).toBeGreaterThan(0);
      for (const id of replica.violates)
        expect(env.spec.catalog.requirements.map((r: { id: string }) => r.id)).toContain(id);
    }
  });

  it('ca-silent-drop loses a rejected record without a trace', async () => {
    await start({ replica: 'ca-silent-drop' });
    await issue([undefined, BAD_SERIAL]);
    const entry = await waitFor(issuances, (e) => e.counts.accepted === 1);
    expect(entry.counts).toMatchObject({ total: 1, rejected: 0, deadLettered: 0 });
    expect((await call('GET', '/dead-letters')).body.items).toEqual([]);
  });

  it('ca-retry-forever re-sends a rejected record alone while later records wait', async () => {
    await start({ replica: 'ca-retry-forever' });
    const { recordIds } = await issue([BAD_SERIAL]);
    await waitFor(
      () => env.arrivals.length,
      (n) => n >= 2,
    );
    const later = await issue([undefined]);
    await waitFor(
      () => env.arrivals.length,
      (n) => n >= 6,
    );
    expect(
      env.arrivals.every((a) => a.body.records.length === 1 && a.body.records[0]?.recordId === recordIds[0]),
    ).toBe(true);
    expect(sentIds()).not.toContain(later.recordIds[0]);
  });

  it('ca-new-id-on-resend changes the recordId of a retried record', async () => {
    await start({ replica: 'ca-new-id-on-resend' }, (_arrival, res) => {
      res.writeHead(503).end();
      env.behaviour = acceptAllButBad;
    });
    await issue([undefined]);
    await waitFor(issuances, (e) => e.counts.accepted === 1);
    expect(new Set(sentIds()).size).toBe(2);
  });

  it('ca-bad-digest sends an upper-case, non-canonical digest that fails the schema', async () => {
    await start({ replica: 'ca-bad-digest' });
    await issue([undefined]);
    await waitFor(
      () => env.arrivals.length,
      (n) => n >= 1,
    );
    expect(env.spec.validate('certificate-issuances/batch-request', env.arrivals[0]?.body).valid).toBe(false);
  });

  it('ca-status-lag still answers good right after accepting a revocation', async () => {
    await start({ replica: 'ca-status-lag' });
    const { serialNumbers } = await issue([undefined]);
    const record = {
      recordId: randomUUID(),
      recordedAt: new Date().toISOString(),
      serialNumber: serialNumbers[0],
      residentCode: RESIDENTS[0],
      reason: 'death',
    };
    const res = await call('POST', '/revocation-requests', {
      batchId: randomUUID(),
      sentAt: new Date().toISOString(),
      records: [record],
    });
    expect(res.body.results[0].outcome).toBe('accepted');
    expect((await call('GET', `/certificate-status/${serialNumbers[0]}`)).body.status).toBe('good');
  });

  it('ca-no-backoff retries at once and ca-no-timeout keeps waiting past the declared timeout', async () => {
    await start(
      {
        replica: 'ca-no-backoff',
        params: { ...FAST, 'retry.initialBackoffMs': 500, 'retry.maxBackoffMs': 500 },
      },
      (_arrival, res) => {
        res.writeHead(503, { 'retry-after': '5' }).end();
      },
    );
    await issue([undefined]);
    await waitFor(
      () => env.arrivals.length,
      (n) => n >= 3,
      1000,
    );
    await env.ca?.stop();
    await env.center.stop();

    await start({ replica: 'ca-no-timeout', params: { ...FAST, requestTimeoutMs: 100 } }, () => {});
    await issue([undefined]);
    await waitFor(
      () => env.arrivals.length,
      (n) => n >= 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(env.arrivals).toHaveLength(1);
    expect(env.arrivals[0]?.closedAt).toBeUndefined();
  });
});
