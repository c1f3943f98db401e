import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptedDigest } from '../../reconciliation/accepted-digest.ts';
import { itemsDigest } from '../shared/items-digest.ts';
import {
  acceptAllButBad,
  BAD_SERIAL,
  call,
  env,
  FAST,
  ITEMS,
  issuances,
  issue,
  RESIDENTS,
  sentIds,
  start,
  today,
  waitFor,
} from './ca-test-harness.ts';
import { DEFAULT_PARAMETERS } from './capabilities.ts';
import { startCertificationAuthority } from './certification-authority.ts';

describe('reference certification authority: sending', () => {
  it('delivers every other record when one is rejected, dead-letters the rejected one at once, and re-drives it', async () => {
    await start();
    const { recordIds } = await issue([undefined, BAD_SERIAL, undefined]);
    const entry = await waitFor(issuances, (e) => e.counts.pending === 0);
    expect(entry.counts).toEqual({
      total: 3,
      accepted: 2,
      duplicate: 0,
      rejected: 1,
      pending: 0,
      deadLettered: 1,
    });
    expect(entry.acceptedDigest).toBe(acceptedDigest([recordIds[0], recordIds[2]] as string[]));
    for (const arrival of env.arrivals)
      expect(env.spec.validate('certificate-issuances/batch-request', arrival.body).errors).toEqual([]);
    expect(env.arrivals[0]?.body.records.map((r) => r.itemsDigest)).toEqual(
      Array(3).fill(itemsDigest(ITEMS)),
    );
    expect(sentIds().filter((id) => id === recordIds[1])).toHaveLength(1);

    const letters = await call('GET', '/dead-letters?interface=certificate-issuances');
    expect(env.spec.validate('dead-letters/list', letters.body).errors).toEqual([]);
    expect(letters.body.items).toMatchObject([
      {
        recordId: recordIds[1],
        reason: 'rejected',
        attempts: 1,
        state: 'dead',
        lastError: { type: 'urn:tekigo:problem:unknown-resident' },
      },
    ]);

    env.behaviour = (arrival, res) => {
      const results = arrival.body.records.map(({ recordId }) => ({ recordId, outcome: 'accepted' }));
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ batchId: arrival.body.batchId, results }));
    };
    const redriven = await call('POST', `/dead-letters/${letters.body.items[0].id}/redrive`);
    expect(redriven).toMatchObject({ status: 202, body: { recordId: recordIds[1], state: 'redriven' } });
    expect((await waitFor(issuances, (e) => e.counts.accepted === 3)).counts).toMatchObject({
      deadLettered: 0,
      rejected: 0,
    });
    expect(sentIds().filter((id) => id === recordIds[1])).toHaveLength(2);
  });

  it('retries a 503 no earlier than its Retry-After, with the same recordId and content', async () => {
    let respondedAt = 0;
    await start({}, (_arrival, res) => {
      respondedAt = Date.now();
      res.writeHead(503, { 'retry-after': '1', 'content-type': 'application/problem+json' }).end('{}');
      env.behaviour = acceptAllButBad;
    });
    await issue([undefined]);
    await waitFor(issuances, (e) => e.counts.accepted === 1);
    const [first, second] = env.arrivals;
    expect(second?.at ?? 0).toBeGreaterThanOrEqual(respondedAt + 1000);
    expect(second?.body.records).toEqual(first?.body.records);
    expect(second?.body.batchId).not.toBe(first?.body.batchId);
  });

  it('abandons a call after requestTimeoutMs and dead-letters the record once its attempts run out', async () => {
    await start({ params: { ...FAST, requestTimeoutMs: 100, 'retry.maxAttempts': 2 } }, () => {});
    const { recordIds } = await issue([undefined]);
    const entry = await waitFor(issuances, (e) => e.counts.deadLettered === 1);
    expect(entry.counts).toMatchObject({ total: 1, accepted: 0, pending: 0 });
    expect(env.arrivals).toHaveLength(2);
    await waitFor(
      () => env.arrivals,
      (all) => all.every((a) => a.closedAt !== undefined),
    );
    for (const arrival of env.arrivals) expect((arrival.closedAt ?? 0) - arrival.at).toBeLessThan(1000);
    const letters = await call('GET', '/dead-letters');
    expect(letters.body.items).toMatchObject([
      {
        recordId: recordIds[0],
        reason: 'retries-exhausted',
        attempts: 2,
        lastError: { type: 'urn:tekigo:problem:timeout' },
      },
    ]);
  });
});

describe('reference certification authority: durability', () => {
  it('keeps queued records, their attempts and its peers across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tekigo-ca-test-'));
    try {
      // The first failure backs off for at least 500 ms, so the stop below surely comes before a retry.
      const slowRetry = { ...FAST, 'retry.initialBackoffMs': 1000, 'retry.maxBackoffMs': 1000 };
      await start({ dataDir, params: slowRetry }, (_arrival, res) => res.writeHead(500).end());
      const { recordIds } = await issue([undefined, undefined]);
      await waitFor(
        () => env.arrivals.length,
        (n) => n >= 1,
      );
      await env.ca?.stop();
      env.behaviour = acceptAllButBad;
      env.ca = await startCertificationAuthority({ dataDir, testMode: true, params: FAST, random: () => 0 });
      const entry = await waitFor(issuances, (e) => e.counts.accepted === 2);
      expect(entry.acceptedDigest).toBe(acceptedDigest(recordIds));
      expect(new Set(sentIds())).toEqual(new Set(recordIds));
      expect(env.arrivals).toHaveLength(2);
    } finally {
      await env.ca?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('reference certification authority: revocation and status', () => {
  it('answers status, revokes durably before accepting, and stays idempotent', async () => {
    await start();
    const { serialNumbers } = await issue([undefined]);
    const serial = serialNumbers[0] ?? '';
    const status = async (s: string) => {
      const res = await call('GET', `/certificate-status/${s}`);
      expect(env.spec.validate('certificate-status/status-response', res.body).errors).toEqual([]);
      return res.body;
    };
    expect(await status(serial)).toMatchObject({ serialNumber: serial, status: 'good' });
    expect(await status('0000000000000000')).toMatchObject({ status: 'unknown' });

    const record = {
      recordId: randomUUID(),
      recordedAt: new Date().toISOString(),
      serialNumber: serial,
      residentCode: RESIDENTS[0],
      reason: 'move-out',
    };
    const batch = (records: unknown[]) => ({
      batchId: randomUUID(),
      sentAt: new Date().toISOString(),
      records,
    });
    const first = await call('POST', '/revocation-requests', batch([record]));
    expect(env.spec.validate('revocation-requests/batch-result', first.body).errors).toEqual([]);
    expect(first.body.results).toEqual([{ recordId: record.recordId, outcome: 'accepted' }]);
    expect(await status(serial)).toMatchObject({ status: 'revoked', revocationReason: 'move-out' });

    const again = await call(
      'POST',
      '/revocation-requests',
      batch([
        record,
        { ...record, reason: 'death' },
        { ...record, recordId: randomUUID(), serialNumber: BAD_SERIAL },
      ]),
    );
    expect(
      again.body.results.map((r: { outcome: string; problem?: { type: string } }) => [
        r.outcome,
        r.problem?.type,
      ]),
    ).toEqual([
      ['duplicate', undefined],
      ['rejected', 'urn:tekigo:problem:conflict'],
      ['rejected', 'urn:tekigo:problem:unknown-certificate'],
    ]);
    expect(await status(serial)).toMatchObject({ status: 'revoked', revocationReason: 'move-out' });
    const report = await call('GET', `/reconciliation?date=${today()}&peer=national-center`);
    expect(
      report.body.entries.find((e: { interface: string }) => e.interface === 'revocation-requests').counts,
    ).toEqual({
      total: 2,
      accepted: 1,
      duplicate: 1,
      rejected: 1,
      pending: 0,
      deadLettered: 0,
    });

    const invalid = await call(
      'POST',
      '/revocation-requests',
      batch([{ ...record, residentCode: '12345678901' }]),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toContainEqual(
      expect.objectContaining({ pointer: '/records/0/residentCode' }),
    );
  });
});

describe('reference certification authority: upper tester and operations', () => {
  it('declares the default capabilities and refuses what it does not support', async () => {
    await start({ params: {} });
    const capabilities = await call('GET', '/conformance/capabilities');
    expect(env.spec.validate('upper-tester/capabilities', capabilities.body).errors).toEqual([]);
    expect(capabilities.body.parameters).toEqual(DEFAULT_PARAMETERS);
    expect(capabilities.body.implementation.name).toBe('tekigo-reference-ca');

    const wrongKind = await call('POST', '/conformance/stimulus', {
      kind: 'apply-resident-changes',
      changes: [],
    });
    expect(wrongKind).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ pointer: '/kind' })] },
    });
    const badField = await call('POST', '/conformance/stimulus', {
      kind: 'issue-certificates',
      certificates: [
        {
          certificateType: 'signature',
          residentCode: '12345678901',
          municipalityCode: '131016',
          items: ITEMS,
        },
      ],
    });
    expect(badField.body.errors).toEqual([
      expect.objectContaining({ pointer: '/certificates/0/residentCode' }),
    ]);
    expect(
      (await call('GET', '/reconciliation?peer=nobody')).body.errors.map(
        (e: { pointer: string }) => e.pointer,
      ),
    ).toEqual(['/date', '/peer']);
    expect((await call('POST', '/dead-letters/nothing/redrive')).status).toBe(404);
    expect((await call('GET', '/health')).body).toMatchObject({
      status: 'up',
      role: 'certification-authority',
    });

    const { serialNumbers } = await issue([undefined]);
    expect(
      (
        await call('POST', '/conformance/stimulus', {
          kind: 'issue-certificates',
          certificates: [
            {
              serialNumber: serialNumbers[0],
              certificateType: 'signature',
              residentCode: RESIDENTS[0],
              municipalityCode: '131016',
              items: ITEMS,
            },
          ],
        })
      ).status,
    ).toBe(409);
    expect((await call('POST', '/conformance/reset')).status).toBe(204);
    expect((await call('GET', `/certificate-status/${serialNumbers[0]}`)).body.status).toBe('unknown');
  });

  it('serves the upper tester only in test mode', async () => {
    await start({ testMode: false });
    const res = await call('GET', '/conformance/capabilities');
    expect(res).toMatchObject({ status: 404, body: { type: 'urn:tekigo:problem:not-test-mode' } });
    expect(res.headers.get('x-correlation-id')).toBe(res.body.correlationId);
  });

  it('refuses unknown replicas and parameters outside the env.spec bounds', async () => {
    await expect(startCertificationAuthority({ replica: 'ca-nonsense' })).rejects.toMatchObject({
      code: 'UNKNOWN_REPLICA',
    });
    await expect(startCertificationAuthority({ params: { requestTimeoutMs: 5 } })).rejects.toMatchObject({
      code: 'BAD_PARAMETER',
    });
    await expect(
      startCertificationAuthority({ params: { 'retry.jitter': 'decorrelated' } }),
    ).rejects.toMatchObject({ code: 'BAD_PARAMETER' });
  });
});
