import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSutClient, type SutClient } from '../../client/sut-client.ts';
import { Ledger } from '../../evidence/ledger.ts';
import { type StartedMock, startMock } from '../mock-runtime.ts';
import { issuanceBatch, issuanceRecord } from './issuance-fixtures.ts';

// Against the real schemas in specs/: what the mock answers must itself be valid protocol.
describe('national-center mock against specs/', () => {
  let mock: StartedMock;
  let sut: SutClient;

  beforeAll(async () => {
    mock = await startMock({ role: 'national-center' });
    sut = createSutClient({ baseUrl: mock.url, ledger: new Ledger() });
  });
  afterAll(async () => {
    await sut.close();
    await mock.stop();
  });

  it('answers valid messages on every route and names invalid fields by JSON Pointer', async () => {
    const batch = issuanceBatch([issuanceRecord(1), issuanceRecord(2)]);
    await sut.post('/certificate-issuances', batch);
    await sut.post('/certificate-issuances', batch);
    await sut.post(
      '/certificate-issuances',
      issuanceBatch([issuanceRecord(1, { itemsDigest: 'f'.repeat(64) })], 2),
    );
    const invalid = await sut.post('/certificate-issuances', {
      ...batch,
      records: [{ ...issuanceRecord(3), serialNumber: 'lower-case' }],
    });
    expect(invalid.status).toBe(400);
    expect((invalid.body as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toContain(
      '/records/0/serialNumber',
    );
    await sut.get('/reconciliation?date=2026-04-01&peer=certification-authority');
    await sut.get('/health');

    const exchanges = mock.ledger.entries({ kind: 'exchange' });
    expect(exchanges.map((e) => e.status)).toEqual([200, 200, 200, 400, 200, 200]);
    expect(exchanges.map((e) => e.validation.request?.valid ?? null)).toEqual([
      true,
      true,
      true,
      false,
      null,
      null,
    ]);
    for (const e of exchanges)
      expect(e.validation.response, `${e.method} ${e.path}`).toMatchObject({ valid: true, errors: [] });
    expect(exchanges[2]?.responseBody).toMatchObject({
      results: [{ outcome: 'rejected', problem: { type: 'urn:tekigo:problem:conflict' } }],
    });
  });
});
