import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSutClient, type SutClient } from '../client/sut-client.ts';
import { TekigoUsageError } from '../errors.ts';
import { Ledger } from '../evidence/ledger.ts';
import type { ExchangeEntry, LedgerEntry } from '../evidence/ledger-entry.ts';
import { createHttpClient } from '../transport/index.ts';
import { type StartedMock, startMock } from './mock-runtime.ts';
import { issuanceBatch, issuanceRecord, stubValidate } from './national-center/issuance-fixtures.ts';
import type { NationalCenterState } from './national-center/national-center-store.ts';

const refused = { type: 'urn:tekigo:problem:validation', title: 'Refused by fault', status: 422 };

/** Resolves with the first exchange the mock records after `since`; bounded so a missing entry fails the test. */
function recordedExchange(mock: StartedMock, since: number, timeoutMs = 5_000): Promise<ExchangeEntry> {
  return new Promise((resolve, reject) => {
    const found = (e: LedgerEntry) => e.kind === 'exchange' && e.to === mock.role && e.seq > since;
    const existing = mock.ledger.since(since).find(found);
    if (existing) return resolve(existing as ExchangeEntry);
    const timer = setTimeout(
      () => reject(new Error(`no exchange recorded within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const unsubscribe = mock.ledger.subscribe((e) => {
      if (!found(e)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(e as ExchangeEntry);
    });
  });
}

const batch = issuanceBatch([issuanceRecord(1), issuanceRecord(2), issuanceRecord(3)]);
const stored = async (mock: StartedMock) =>
  ((await mock.state()) as NationalCenterState).certificateIssuances.stored.map((s) => s.record.recordId);

describe('mock runtime serving the national center', () => {
  let mock: StartedMock;
  let sut: SutClient;
  let suiteLedger: Ledger;

  beforeAll(async () => {
    mock = await startMock({ role: 'national-center', validate: stubValidate });
    suiteLedger = new Ledger();
    sut = createSutClient({
      baseUrl: mock.url,
      ledger: suiteLedger,
      validate: stubValidate,
      from: 'sut',
      to: 'national-center',
    });
  });
  afterEach(async () => {
    await mock.reset();
  });
  afterAll(async () => {
    await sut.close();
    await mock.stop();
  });

  const send = (timeoutMs = 2_000, body: unknown = batch) =>
    sut.post('/certificate-issuances', body, { timeoutMs, headers: { 'x-correlation-id': 'corr-1' } });

  it('answers a valid batch and records the exchange with its validation', async () => {
    const answer = await send();
    expect(answer.status).toBe(200);
    expect(answer.headers['x-correlation-id']).toBe('corr-1');
    expect(answer.body).toEqual({
      batchId: batch.batchId,
      results: batch.records.map((r) => ({ recordId: r.recordId, outcome: 'accepted' })),
    });
    const [entry] = mock.ledger.entries({ kind: 'exchange' });
    expect(entry).toMatchObject({
      from: 'sut',
      to: 'national-center',
      interface: 'certificate-issuances',
      method: 'POST',
      path: '/certificate-issuances',
      correlationId: 'corr-1',
      outcome: 'answered',
      status: 200,
      requestBody: batch,
      responseBody: answer.body,
      faults: [],
      validation: {
        request: { messageType: 'certificate-issuances/batch-request', valid: true },
        response: { messageType: 'certificate-issuances/batch-result', valid: true },
      },
    });
    expect(entry?.endMs).toBeGreaterThanOrEqual(entry?.startMs ?? Number.POSITIVE_INFINITY);
  });

  it('answers an invalid batch with 400 naming the field, and records it as invalid', async () => {
    const answer = await send(2_000, { ...batch, records: [{ nope: true }] });
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body).toMatchObject({
      type: 'urn:tekigo:problem:validation',
      status: 400,
      correlationId: 'corr-1',
      errors: [{ pointer: '/records/0/recordId' }],
    });
    const [entry] = mock.ledger.entries({ kind: 'exchange' });
    expect(entry?.validation.request?.valid).toBe(false);
    expect(entry?.validation.response?.messageType).toBe('common/problem');
  });

  it('answers 404 problem for what it does not serve and generates a correlation id when none is sent', async () => {
    const answer = await sut.request({
      method: 'GET',
      path: '/nothing-here',
      headers: { 'x-correlation-id': 'bad id with spaces' },
    });
    expect(answer.status).toBe(404);
    expect(answer.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(mock.ledger.entries({ kind: 'exchange' })[0]).toMatchObject({ interface: null, status: 404 });
  });

  it('serves health and reconciliation', async () => {
    await send();
    const health = await sut.get('/health');
    expect(health.body).toMatchObject({
      status: 'up',
      role: 'national-center',
      implementation: { name: expect.any(String) },
    });
    const report = await sut.get('/reconciliation?date=2026-04-01&peer=certification-authority');
    expect(report.body).toMatchObject({
      role: 'national-center',
      peer: 'certification-authority',
      date: '2026-04-01',
      entries: [
        { interface: 'certificate-issuances', direction: 'inbound', counts: { total: 3, accepted: 3 } },
      ],
    });
    const bad = await sut.get('/reconciliation?date=April');
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual([
      '/date',
      '/peer',
    ]);
  });

  it('delay: answers normally after at least the delay and records the fault against the exchange', async () => {
    await mock.setFaults({
      rules: [{ id: 'slow', interface: 'certificate-issuances', action: { kind: 'delay', ms: 150 } }],
    });
    const answer = await send();
    expect(answer.status).toBe(200);
    expect(answer.entry.durationMs).toBeGreaterThanOrEqual(145);
    const exchange = mock.ledger.entries({ kind: 'exchange' })[0];
    expect(exchange?.faults).toEqual(['slow']);
    expect(mock.ledger.entries({ kind: 'fault' })).toMatchObject([
      {
        ruleId: 'slow',
        action: 'delay',
        interface: 'certificate-issuances',
        exchangeSeq: exchange?.seq,
        detail: { call: 1 },
      },
    ]);
    expect(mock.ledger.entries({ kind: 'observation' })[0]).toMatchObject({
      what: 'fault-script-loaded',
      source: 'national-center',
    });
  });

  it('delay: a client that leaves during the delay is recorded as aborted and its request is not processed', async () => {
    await mock.setFaults({ rules: [{ id: 'slower', action: { kind: 'delay', ms: 400 } }] });
    const since = mock.ledger.lastSeq;
    const answer = await send(100);
    expect(answer.outcome).toBe('timeout');
    const entry = await recordedExchange(mock, since);
    expect(entry).toMatchObject({ outcome: 'aborted', status: null, faults: ['slower'] });
    expect(await stored(mock)).toEqual([]);
  });

  it('status: answers the status with Retry-After and a problem instead of processing', async () => {
    await mock.setFaults({
      rules: [
        {
          id: 'busy',
          times: 1,
          action: { kind: 'status', status: 503, retryAfter: 2, problem: { detail: 'maintenance' } },
        },
      ],
    });
    const first = await send();
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('2');
    expect(first.headers['content-type']).toBe('application/problem+json');
    expect(first.body).toMatchObject({
      type: 'urn:tekigo:problem:unavailable',
      status: 503,
      detail: 'maintenance',
      correlationId: 'corr-1',
    });
    expect(first.entry.responseHeaders['retry-after']).toBe('2');
    expect(await stored(mock)).toEqual([]);
    const second = await send();
    expect(second.status).toBe(200);
  });

  it('reset: drops the connection, which the client sees as a network error', async () => {
    await mock.setFaults({ rules: [{ id: 'rst', action: { kind: 'reset' } }] });
    const since = mock.ledger.lastSeq;
    const answer = await send();
    expect(answer.outcome).toBe('network-error');
    expect(answer.status).toBeNull();
    const entry = await recordedExchange(mock, since);
    expect(entry).toMatchObject({ outcome: 'network-error', status: null });
    expect(entry.error).toContain('rst');
  });

  it('truncate: sends the real headers and the first bytes, then drops the connection', async () => {
    await mock.setFaults({ rules: [{ id: 'cut', action: { kind: 'truncate', bytes: 10 } }] });
    const since = mock.ledger.lastSeq;
    const answer = await send();
    expect(answer.status).toBe(200);
    expect(answer.outcome).toBe('network-error');
    const entry = await recordedExchange(mock, since);
    expect(entry).toMatchObject({ outcome: 'network-error', status: 200 });
    expect(entry.responseBody).toBe(`{"batchId"`);
    expect(Number(entry.responseHeaders['content-length'])).toBeGreaterThan(10);
    expect(await stored(mock)).toHaveLength(3);
  });

  it('empty-body and garbage-body: 200 without a usable body', async () => {
    await mock.setFaults({
      rules: [
        { id: 'empty', times: 1, action: { kind: 'empty-body' } },
        { id: 'junk', action: { kind: 'garbage-body' } },
      ],
    });
    const empty = await send();
    expect(empty).toMatchObject({ status: 200, outcome: 'answered', body: null });
    const junk = await send();
    expect(junk.status).toBe(200);
    expect(junk.headers['content-type']).toBe('application/json');
    expect(typeof junk.body).toBe('string');
    expect(() => JSON.parse(junk.body as string)).toThrow();
    expect(await stored(mock)).toEqual([]);
  });

  it('reject-records: rejects the selected records and processes the others', async () => {
    const target = issuanceRecord(2).recordId;
    await mock.setFaults({
      rules: [
        {
          id: 'no-2',
          when: { records: { pointer: '/recordId', in: [target] } },
          action: { kind: 'reject-records', problem: refused },
        },
      ],
    });
    const answer = await send();
    expect((answer.body as { results: unknown[] }).results).toEqual([
      { recordId: issuanceRecord(1).recordId, outcome: 'accepted' },
      { recordId: target, outcome: 'rejected', problem: refused },
      { recordId: issuanceRecord(3).recordId, outcome: 'accepted' },
    ]);
    expect(await stored(mock)).toEqual([issuanceRecord(1).recordId, issuanceRecord(3).recordId]);
    expect(mock.ledger.entries({ kind: 'fault' })[0]?.detail).toMatchObject({ recordIndices: [1] });
  });

  it('commit-then-hang: stores the records but never answers', async () => {
    await mock.setFaults({ rules: [{ id: 'lost-answer', times: 1, action: { kind: 'commit-then-hang' } }] });
    const since = mock.ledger.lastSeq;
    const answer = await send(200);
    expect(answer.outcome).toBe('timeout');
    expect(await stored(mock)).toHaveLength(3);
    const entry = await recordedExchange(mock, since);
    expect(entry).toMatchObject({ outcome: 'aborted', status: null, responseBody: null });
    const fault = mock.ledger.entries({ kind: 'fault' }).find((f) => f.exchangeSeq === entry.seq);
    expect(fault?.detail).toMatchObject({
      discardedResponse: { status: 200, body: { batchId: batch.batchId } },
    });
    const resent = await send();
    expect((resent.body as { results: { outcome: string }[] }).results.map((r) => r.outcome)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
  });

  it('refuses bodies over 10 MiB with 413', async () => {
    const http = createHttpClient();
    try {
      const response = await http.fetch(`${mock.url}/certificate-issuances`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Uint8Array(10 * 1024 * 1024 + 1),
        timeoutMs: 5_000,
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ type: 'urn:tekigo:problem:payload-too-large' });
    } finally {
      await http.close();
    }
  });
});

describe('mock runtime lifecycle', () => {
  it('refuses fault actions it cannot apply and unknown roles', async () => {
    const mock = await startMock({ role: 'kiosk-gateway', validate: stubValidate });
    try {
      await expect(
        mock.setFaults({ rules: [{ id: 'stuck', action: { kind: 'hang' } }] }),
      ).rejects.toMatchObject({
        code: 'INVALID_FAULT_SCRIPT',
        details: { errors: [{ instancePath: '/rules/0/action/kind' }] },
      });
    } finally {
      await mock.stop();
    }
    await expect(startMock({ role: 'nobody', validate: stubValidate })).rejects.toBeInstanceOf(
      TekigoUsageError,
    );
  });

  it('loads faults given at start and only notes a reset in a ledger it was given', async () => {
    const shared = new Ledger();
    const mock = await startMock({
      role: 'national-center',
      validate: stubValidate,
      ledger: shared,
      faults: { rules: [{ id: 'busy', action: { kind: 'status', status: 503 } }] },
    });
    const sut = createSutClient({ baseUrl: mock.url, ledger: new Ledger(), validate: stubValidate });
    try {
      expect((await sut.post('/certificate-issuances', batch)).status).toBe(503);
      await mock.reset();
      expect(shared.entries().map((e) => (e.kind === 'observation' ? e.what : e.kind))).toEqual([
        'fault-script-loaded',
        'exchange',
        'fault',
        'mock-reset',
      ]);
      expect((await sut.post('/certificate-issuances', batch)).status).toBe(200);
    } finally {
      await sut.close();
      await mock.stop();
    }
  });

  it('hang: never answers; the client giving up is recorded as aborted when it happened', async () => {
    // One ledger for both sides gives one clock, so the abort time can be compared with the client's timeout.
    const shared = new Ledger();
    const mock = await startMock({ role: 'national-center', validate: stubValidate, ledger: shared });
    const sut = createSutClient({ baseUrl: mock.url, ledger: shared, validate: stubValidate });
    try {
      await mock.setFaults({ rules: [{ id: 'stuck', action: { kind: 'hang' } }] });
      const since = shared.lastSeq;
      const answer = await sut.post('/certificate-issuances', batch, { timeoutMs: 200 });
      expect(answer.outcome).toBe('timeout');
      const entry = await recordedExchange(mock, since);
      expect(entry).toMatchObject({ from: 'sut', outcome: 'aborted', status: null, faults: ['stuck'] });
      expect(entry.error).toContain('client closed');
      expect(entry.startMs).toBeGreaterThanOrEqual(answer.entry.startMs);
      expect(entry.endMs).toBeGreaterThanOrEqual(answer.entry.startMs + 200);
      expect(await stored(mock)).toEqual([]);
    } finally {
      await sut.close();
      await mock.stop();
    }
  });

  it('records a schema it cannot validate against as a harness problem and keeps serving', async () => {
    const mock = await startMock({
      role: 'national-center',
      validate: (messageType, value) => {
        if (messageType === 'certificate-issuances/batch-result') throw new Error('unknown message type');
        return stubValidate(messageType, value);
      },
    });
    const sut = createSutClient({ baseUrl: mock.url, ledger: new Ledger(), validate: stubValidate });
    try {
      expect((await sut.post('/certificate-issuances', batch)).status).toBe(200);
      expect(mock.ledger.entries({ kind: 'exchange' })[0]?.validation.response).toMatchObject({
        valid: false,
        errors: [{ keyword: 'harness', message: 'cannot validate: unknown message type' }],
      });
    } finally {
      await sut.close();
      await mock.stop();
    }
  });

  it('records an exchange still unanswered when it stops as aborted by the stop', async () => {
    const mock = await startMock({ role: 'national-center', validate: stubValidate });
    const sut = createSutClient({ baseUrl: mock.url, ledger: new Ledger(), validate: stubValidate });
    await mock.setFaults({ rules: [{ id: 'lost', action: { kind: 'commit-then-hang' } }] });
    const pending = sut.post('/certificate-issuances', batch, { timeoutMs: 5_000 });
    const deadline = Date.now() + 5_000;
    while ((await stored(mock)).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    await mock.stop();
    expect((await pending).outcome).toBe('network-error');
    expect(mock.ledger.entries({ kind: 'exchange' })).toMatchObject([
      { outcome: 'aborted', faults: ['lost'], error: 'the mock stopped before answering' },
    ]);
    await sut.close();
  });
});
