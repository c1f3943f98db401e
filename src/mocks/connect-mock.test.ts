import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSutClient, type SutClient } from '../client/sut-client.ts';
import { TekigoEnvironmentError, TekigoUsageError } from '../errors.ts';
import { Ledger } from '../evidence/ledger.ts';
import { createHttpClient, type HttpClient } from '../transport/index.ts';
import { connectMock } from './connect-mock.ts';
import { type MockHandle, type StartedMock, startMock } from './mock-runtime.ts';
import { issuanceBatch, issuanceRecord, stubValidate } from './national-center/issuance-fixtures.ts';
import type { NationalCenterState } from './national-center/national-center-store.ts';

const batch = issuanceBatch([issuanceRecord(1)]);

describe('control API and connectMock', () => {
  let mock: StartedMock;
  let remote: MockHandle;
  let sut: SutClient;
  let http: HttpClient;

  beforeAll(async () => {
    mock = await startMock({ role: 'national-center', validate: stubValidate });
    remote = connectMock(mock.url, 'national-center');
    sut = createSutClient({ baseUrl: mock.url, ledger: new Ledger(), validate: stubValidate });
    http = createHttpClient();
  });
  afterAll(async () => {
    await remote.stop();
    await sut.close();
    await http.close();
    await mock.stop();
  });

  it('drives faults, ledger, state and reset over HTTP, without recording control calls', async () => {
    expect(remote).toMatchObject({ role: 'national-center', url: mock.url });
    await remote.setFaults({
      rules: [{ id: 'busy', times: 1, action: { kind: 'status', status: 429, retryAfter: 1 } }],
    });
    expect((await sut.post('/certificate-issuances', batch)).status).toBe(429);
    await remote.clearFaults();
    expect((await sut.post('/certificate-issuances', batch)).status).toBe(200);

    const entries = await remote.ledgerEntries();
    expect(entries.map((e) => (e.kind === 'observation' ? e.what : e.kind))).toEqual([
      'fault-script-loaded',
      'exchange',
      'fault',
      'fault-script-cleared',
      'exchange',
    ]);
    expect(entries.filter((e) => e.kind === 'exchange').every((e) => !e.path.startsWith('/__tekigo/'))).toBe(
      true,
    );
    const last = entries.at(-1)?.seq ?? 0;
    expect(await remote.ledgerEntries(last - 1)).toEqual(entries.slice(-1));

    const state = (await remote.state()) as NationalCenterState;
    expect(state.certificateIssuances.stored.map((s) => s.record.recordId)).toEqual([
      issuanceRecord(1).recordId,
    ]);

    await remote.reset();
    expect(await remote.ledgerEntries()).toEqual([]);
    expect(await remote.state()).toEqual({ certificateIssuances: { stored: [], rejected: [] } });
    // Sequence numbers continue after a reset, so a cursor kept across it stays valid.
    await sut.get('/health');
    expect((await remote.ledgerEntries(last))[0]?.seq).toBeGreaterThan(last);
  });

  it('refuses an invalid script with 400 and the JSON Pointer of the fault', async () => {
    const response = await http.fetch(`${mock.url}/__tekigo/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [{ id: 'x', action: { kind: 'delay' } }] }),
      timeoutMs: 2_000,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      type: 'urn:tekigo:problem:validation',
      errors: [{ pointer: '/rules/0/action', detail: "must have required property 'ms'" }],
    });
    const twice = { id: 'x', action: { kind: 'hang' } };
    const attempt = remote.setFaults({ rules: [twice, twice] });
    await expect(attempt).rejects.toBeInstanceOf(TekigoUsageError);
    await expect(attempt).rejects.toMatchObject({
      code: 'INVALID_FAULT_SCRIPT',
      details: { errors: [{ instancePath: '/rules/1/id' }] },
    });
  });

  it('answers 400 for a non-JSON script or a bad cursor, and 404 for unknown operations', async () => {
    const call = (method: string, path: string, body?: string) =>
      http.fetch(`${mock.url}/__tekigo/${path}`, {
        method,
        timeoutMs: 2_000,
        ...(body === undefined ? {} : { body }),
      });
    expect((await call('PUT', 'faults', '{')).status).toBe(400);
    expect((await call('GET', 'ledger?since=-1')).status).toBe(400);
    const unknown = await call('GET', 'nothing');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ detail: expect.stringContaining('GET ledger?since=N') });
  });

  it('says where it failed when the mock is not there', async () => {
    const gone = await startMock({ role: 'national-center', validate: stubValidate });
    await gone.stop();
    const handle = connectMock(gone.url, 'national-center');
    await expect(handle.state()).rejects.toBeInstanceOf(TekigoEnvironmentError);
    await expect(handle.state()).rejects.toMatchObject({ code: 'MOCK_UNREACHABLE' });
    await handle.stop();
  });
});
