import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSutClient, type SutClient } from '../../client/sut-client.ts';
import { Ledger } from '../../evidence/ledger.ts';
import { type StartedMock, startMock } from '../mock-runtime.ts';

const revocation = (recordId: string, reason = 'move-out') => ({
  recordId,
  recordedAt: '2026-04-01T01:00:00Z',
  serialNumber: '7E00000100000001',
  residentCode: '12345678900',
  reason,
});
const batch = (records: unknown[]) => ({
  batchId: crypto.randomUUID(),
  sentAt: '2026-04-01T01:00:01Z',
  records,
});

// Against the real schemas in specs/: what the mock answers must itself be valid protocol.
describe('certification-authority mock against specs/', () => {
  let mock: StartedMock;
  let sut: SutClient;

  beforeAll(async () => {
    mock = await startMock({ role: 'certification-authority' });
    sut = createSutClient({ baseUrl: mock.url, ledger: new Ledger() });
  });
  afterAll(async () => {
    await sut.close();
    await mock.stop();
  });

  it('answers revocation requests accepted, duplicate and conflict by recordId, and applies reject-records', async () => {
    const id = crypto.randomUUID();
    const other = crypto.randomUUID();
    await sut.post('/revocation-requests', batch([revocation(id)]));
    await sut.post('/revocation-requests', batch([revocation(id)]));
    await sut.post('/revocation-requests', batch([revocation(id, 'death')]));
    await mock.setFaults({
      rules: [
        {
          id: 'reject',
          interface: 'revocation-requests',
          when: { records: { pointer: '/recordId', in: [other] } },
          action: {
            kind: 'reject-records',
            problem: { type: 'urn:tekigo:problem:unknown-resident', title: 'Unknown resident', status: 404 },
          },
        },
      ],
    });
    await sut.post('/revocation-requests', batch([revocation(other)]));
    await sut.get('/health');
    const exchanges = mock.ledger.entries({ kind: 'exchange' });
    expect(
      exchanges.map((e) => (e.responseBody as { results?: { outcome: string }[] }).results?.[0]?.outcome),
    ).toEqual(['accepted', 'duplicate', 'rejected', 'rejected', undefined]);
    for (const e of exchanges)
      expect(e.validation.response, `${e.method} ${e.path}`).toMatchObject({ valid: true, errors: [] });
    expect(await mock.state()).toMatchObject({ revocations: [{ recordId: id, reason: 'move-out' }] });
  });
});
