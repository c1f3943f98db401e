import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { engineAvailable } from './docker-engine.ts';
import { ensureImages } from './ensure-images.ts';
import { type StartedTekigoMock, TekigoMockContainer } from './tekigo-mock-container.ts';

// As in containers-environment.test.ts: skipped locally when no engine answers, required in CI.
const engine = process.env.TEKIGO_REQUIRE_CONTAINERS === '1' || (await engineAvailable());

const holdResidentChanges = {
  rules: [{ id: 'refuse', interface: 'certificate-issuances', action: { kind: 'status', status: 503 } }],
};

async function exercise(mock: StartedTekigoMock): Promise<void> {
  const answer = await fetch(`${mock.getUrl()}/certificate-issuances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  await answer.body?.cancel();
  expect(answer.status).toBe(503);
  const ledger = await mock.getLedger();
  expect(ledger.some((e) => e.kind === 'fault')).toBe(true);
  await mock.reset();
  expect(await mock.getLedger()).toEqual([]);
}

describe('TekigoMockContainer', { timeout: 120_000 }, () => {
  test('embedded: starts with a fault script, records, stops', async () => {
    const mock = await new TekigoMockContainer('national-center')
      .withFaults(holdResidentChanges)
      .embedded()
      .start();
    try {
      await exercise(mock);
    } finally {
      await mock.stop();
    }
  });

  describe.skipIf(!engine)('in a container', () => {
    let mock: StartedTekigoMock;
    beforeAll(async () => {
      await ensureImages();
      mock = await new TekigoMockContainer('national-center').withFaults(holdResidentChanges).start();
    }, 600_000);
    afterAll(() => mock?.stop());

    test('answers at its mapped URL with the fault script loaded, and on tekigo network', async () => {
      expect(mock.getUrl()).toMatch(/^http:\/\/localhost:\d+$/);
      expect(mock.getNetworkUrl()).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:8080$/);
      await exercise(mock);
    });
  });
});
