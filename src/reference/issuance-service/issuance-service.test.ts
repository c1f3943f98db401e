import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { syntheticResident } from '../../conformance/synthetic-data.ts';
import { certificateRequest } from '../../mocks/kiosk-gateway/certificate-request.ts';
import { type StartedMock, startMock } from '../../mocks/mock-runtime.ts';
import { residentSnapshot } from '../../mocks/municipality/resident-snapshot.ts';
import { problemTypeUri } from '../../spec/problem-types.ts';
import { imageBelongsTo } from './document.ts';
import { type StartedIssuanceService, startIssuanceService } from './issuance-service.ts';

// The reference in process, with the print-service mock holding results until released.
let service: StartedIssuanceService;
let printer: StartedMock;

beforeAll(async () => {
  printer = await startMock({ role: 'print-service' });
  service = await startIssuanceService({
    testMode: true,
    peers: { 'print-service': printer.url },
    params: { deliveryBoundMs: 1500, requestTimeoutMs: 500 },
  });
});
afterAll(async () => {
  await service.stop();
  await printer.stop();
});

const post = async (path: string, body: unknown) => {
  const response = await fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const resident = syntheticResident(4242);
const release = (requestIds: string[]) =>
  fetch(`${printer.url}/print-control/release`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ requestIds }),
  });
const jobsOf = async () => ((await printer.state()) as { jobs: { requestId: string }[] }).jobs;

describe('reference issuance service', () => {
  test('answers a printed request with its own document, and fails closed when the print never comes', async () => {
    const sync = await post('/resident-sync', {
      batchId: crypto.randomUUID(),
      sentAt: new Date().toISOString(),
      municipalityCode: resident.municipalityCode,
      records: [residentSnapshot(resident, 1)],
    });
    expect(sync.body.results).toMatchObject([{ outcome: 'accepted' }]);
    const printed = certificateRequest(resident);
    const held = certificateRequest(resident, { documentType: 'seal-registration' });
    const answers = [post('/certificate-requests', printed), post('/certificate-requests', held)];
    while ((await jobsOf()).length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await release([printed.requestId]);
    const [ok, timedOut] = await Promise.all(answers);
    expect(ok?.status).toBe(200);
    const document = ok?.body as never as Parameters<typeof imageBelongsTo>[2];
    expect(imageBelongsTo(document.printImage, printed.requestId, document)).toBe(true);
    expect(timedOut).toMatchObject({ status: 504, body: { type: problemTypeUri('timeout') } });
  });

  test('refuses a holder it does not hold with 404 unknown-resident', async () => {
    const answer = await post('/certificate-requests', certificateRequest(syntheticResident(4243)));
    expect(answer).toMatchObject({ status: 404, body: { type: problemTypeUri('unknown-resident') } });
  });
});
