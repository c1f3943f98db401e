import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acceptedDigest } from '../../reconciliation/accepted-digest.ts';
import { loadSpec, type Spec } from '../../spec/load-spec.ts';
import { type StartedServer, startServer } from '../../transport/index.ts';
import { itemsDigest } from '../shared/items-digest.ts';
import { DEFAULT_PARAMETERS } from './capabilities.ts';
import {
  type CertificationAuthorityOptions,
  type StartedCertificationAuthority,
  startCertificationAuthority,
} from './certification-authority.ts';
import { REPLICAS } from './replicas.ts';

// Synthetic identifiers with valid check digits (specs/test-vectors.yaml).
const RESIDENTS = ['12345678900', '00000000018', '10000000005', '27182818287'];
const ITEMS = {
  name: { kanji: '試験𠮷子', kana: 'シケン ヨシコ' },
  address: '東京都千代田区千代田1-1',
  dateOfBirth: '1990-04-01',
  sex: 'female',
};
const BAD_SERIAL = 'BAD0000000000000';
const FAST = {
  requestTimeoutMs: 200,
  'retry.initialBackoffMs': 20,
  'retry.maxBackoffMs': 100,
  'retry.maxAttempts': 3,
};

interface Arrival {
  readonly at: number;
  readonly body: {
    batchId: string;
    records: { recordId: string; serialNumber: string; itemsDigest: string }[];
  };
  closedAt?: number;
}

type Behaviour = (arrival: Arrival, res: ServerResponse) => void;

/** Accepts every record except those with BAD_SERIAL, which it rejects. */
const acceptAllButBad: Behaviour = ({ body }, res) => {
  const results = body.records.map(({ recordId, serialNumber }) =>
    serialNumber === BAD_SERIAL
      ? {
          recordId,
          outcome: 'rejected',
          problem: { type: 'urn:tekigo:problem:unknown-resident', title: 'Unknown resident', status: 422 },
        }
      : { recordId, outcome: 'accepted' },
  );
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ batchId: body.batchId, results }));
};

let spec: Spec;
let center: StartedServer;
let ca: StartedCertificationAuthority | undefined;
let arrivals: Arrival[];
let behaviour: Behaviour;

beforeAll(async () => {
  spec = await loadSpec();
});

afterEach(async () => {
  await ca?.stop();
  await center?.stop();
  ca = undefined;
});

/** A national-center stand-in that records every batch and answers as `behaviour` says. */
async function start(
  options: CertificationAuthorityOptions = {},
  initial: Behaviour = acceptAllButBad,
): Promise<StartedCertificationAuthority> {
  arrivals = [];
  behaviour = initial;
  center = await startServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const arrival: Arrival = {
        at: Date.now(),
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Arrival['body'],
      };
      arrivals.push(arrival);
      res.on('close', () => {
        arrival.closedAt = Date.now();
      });
      behaviour(arrival, res);
    });
  });
  ca = await startCertificationAuthority({
    testMode: true,
    params: FAST,
    random: () => 0,
    peers: { 'national-center': center.url },
    ...options,
  });
  return ca;
}

// biome-ignore lint/suspicious/noExplicitAny: assertions read the bodies by shape; the schemas are checked separately.
type Json = any;

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; headers: Headers; body: Json }> {
  const response = await fetch(`${ca?.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function issue(
  serials: (string | undefined)[],
): Promise<{ recordIds: string[]; serialNumbers: string[] }> {
  const certificates = serials.map((serialNumber, i) => ({
    ...(serialNumber ? { serialNumber } : {}),
    certificateType: 'signature',
    residentCode: RESIDENTS[i % RESIDENTS.length],
    municipalityCode: '131016',
    items: ITEMS,
  }));
  const res = await call('POST', '/conformance/stimulus', { kind: 'issue-certificates', certificates });
  expect(res.status).toBe(202);
  expect(spec.validate('upper-tester/stimulus-result', res.body).errors).toEqual([]);
  return res.body;
}

/** Polls until `condition` holds; fails after `timeoutMs` rather than waiting on luck. */
async function waitFor<T>(
  probe: () => Promise<T> | T,
  condition: (value: T) => boolean,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (condition(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const today = (): string => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const issuances = async () => {
  const report = await call('GET', `/reconciliation?date=${today()}&peer=national-center`);
  expect(spec.validate('reconciliation/report', report.body).errors).toEqual([]);
  return report.body.entries.find((e: { interface: string }) => e.interface === 'certificate-issuances');
};
const sentIds = (): string[] => arrivals.flatMap((a) => a.body.records.map((r) => r.recordId));

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
    for (const arrival of arrivals)
      expect(spec.validate('certificate-issuances/batch-request', arrival.body).errors).toEqual([]);
    expect(arrivals[0]?.body.records.map((r) => r.itemsDigest)).toEqual(Array(3).fill(itemsDigest(ITEMS)));
    expect(sentIds().filter((id) => id === recordIds[1])).toHaveLength(1);

    const letters = await call('GET', '/dead-letters?interface=certificate-issuances');
    expect(spec.validate('dead-letters/list', letters.body).errors).toEqual([]);
    expect(letters.body.items).toMatchObject([
      {
        recordId: recordIds[1],
        reason: 'rejected',
        attempts: 1,
        state: 'dead',
        lastError: { type: 'urn:tekigo:problem:unknown-resident' },
      },
    ]);

    behaviour = (arrival, res) => {
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
      behaviour = acceptAllButBad;
    });
    await issue([undefined]);
    await waitFor(issuances, (e) => e.counts.accepted === 1);
    const [first, second] = arrivals;
    expect(second?.at ?? 0).toBeGreaterThanOrEqual(respondedAt + 1000);
    expect(second?.body.records).toEqual(first?.body.records);
    expect(second?.body.batchId).not.toBe(first?.body.batchId);
  });

  it('abandons a call after requestTimeoutMs and dead-letters the record once its attempts run out', async () => {
    await start({ params: { ...FAST, requestTimeoutMs: 100, 'retry.maxAttempts': 2 } }, () => {});
    const { recordIds } = await issue([undefined]);
    const entry = await waitFor(issuances, (e) => e.counts.deadLettered === 1);
    expect(entry.counts).toMatchObject({ total: 1, accepted: 0, pending: 0 });
    expect(arrivals).toHaveLength(2);
    await waitFor(
      () => arrivals,
      (all) => all.every((a) => a.closedAt !== undefined),
    );
    for (const arrival of arrivals) expect((arrival.closedAt ?? 0) - arrival.at).toBeLessThan(1000);
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
        () => arrivals.length,
        (n) => n >= 1,
      );
      await ca?.stop();
      behaviour = acceptAllButBad;
      ca = await startCertificationAuthority({ dataDir, testMode: true, params: FAST, random: () => 0 });
      const entry = await waitFor(issuances, (e) => e.counts.accepted === 2);
      expect(entry.acceptedDigest).toBe(acceptedDigest(recordIds));
      expect(new Set(sentIds())).toEqual(new Set(recordIds));
      expect(arrivals).toHaveLength(2);
    } finally {
      await ca?.stop();
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
      expect(spec.validate('certificate-status/status-response', res.body).errors).toEqual([]);
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
    expect(spec.validate('revocation-requests/batch-result', first.body).errors).toEqual([]);
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
    expect(spec.validate('upper-tester/capabilities', capabilities.body).errors).toEqual([]);
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

  it('refuses unknown replicas and parameters outside the spec bounds', async () => {
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

describe('replicas', () => {
  it('declares each replica as data with the requirements it violates', () => {
    for (const replica of REPLICAS) {
      expect(replica.role).toBe('certification-authority');
      expect(replica.violates.length).toBeGreaterThan(0);
      for (const id of replica.violates)
        expect(spec.catalog.requirements.map((r: { id: string }) => r.id)).toContain(id);
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
      () => arrivals.length,
      (n) => n >= 2,
    );
    const later = await issue([undefined]);
    await waitFor(
      () => arrivals.length,
      (n) => n >= 6,
    );
    expect(
      arrivals.every((a) => a.body.records.length === 1 && a.body.records[0]?.recordId === recordIds[0]),
    ).toBe(true);
    expect(sentIds()).not.toContain(later.recordIds[0]);
  });

  it('ca-new-id-on-resend changes the recordId of a retried record', async () => {
    await start({ replica: 'ca-new-id-on-resend' }, (_arrival, res) => {
      res.writeHead(503).end();
      behaviour = acceptAllButBad;
    });
    await issue([undefined]);
    await waitFor(issuances, (e) => e.counts.accepted === 1);
    expect(new Set(sentIds()).size).toBe(2);
  });

  it('ca-bad-digest sends an upper-case, non-canonical digest that fails the schema', async () => {
    await start({ replica: 'ca-bad-digest' });
    await issue([undefined]);
    await waitFor(
      () => arrivals.length,
      (n) => n >= 1,
    );
    expect(spec.validate('certificate-issuances/batch-request', arrivals[0]?.body).valid).toBe(false);
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
      () => arrivals.length,
      (n) => n >= 3,
      1000,
    );
    await ca?.stop();
    await center.stop();

    await start({ replica: 'ca-no-timeout', params: { ...FAST, requestTimeoutMs: 100 } }, () => {});
    await issue([undefined]);
    await waitFor(
      () => arrivals.length,
      (n) => n >= 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(arrivals).toHaveLength(1);
    expect(arrivals[0]?.closedAt).toBeUndefined();
  });
});
