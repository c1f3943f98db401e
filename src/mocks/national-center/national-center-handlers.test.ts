import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuanceBatch, issuanceRecord, stubValidate } from './issuance-fixtures.ts';
import { nationalCenterHandlers } from './national-center-handlers.ts';
import { NationalCenterStore } from './national-center-store.ts';

// In-process use: msw intercepts this process's fetch, so no port is opened. This file starts no
// real server, because setupServer would intercept requests to it too.
describe('national-center handlers under msw setupServer', () => {
  const store = new NationalCenterStore();
  const server = setupServer(
    ...nationalCenterHandlers({ store, validate: stubValidate, now: () => new Date('2026-04-01T03:00:00Z') }),
  );
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());

  const post = (body: unknown, contentType = 'application/json') =>
    fetch('http://national-center.test/certificate-issuances', {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-correlation-id': 'in-process-1' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('stores a batch and echoes the correlation id', async () => {
    const response = await post(issuanceBatch([issuanceRecord(1)]));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-correlation-id')).toBe('in-process-1');
    expect(await response.json()).toEqual({
      batchId: issuanceBatch([]).batchId,
      results: [{ recordId: issuanceRecord(1).recordId, outcome: 'accepted' }],
    });
    expect(store.snapshot().certificateIssuances.stored[0]?.storedAt).toBe('2026-04-01T03:00:00.000Z');
  });

  it('answers problems for a wrong media type, broken JSON and an invalid batch', async () => {
    const wrongType = await post('x', 'text/plain');
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toMatchObject({
      type: 'urn:tekigo:problem:unsupported-media-type',
      correlationId: 'in-process-1',
    });
    const broken = await post('{');
    expect(await broken.json()).toMatchObject({ status: 400, errors: [{ pointer: '' }] });
    const invalid = await post({ records: [] });
    expect(invalid.headers.get('content-type')).toBe('application/problem+json');
    expect(await invalid.json()).toMatchObject({ status: 400, errors: [{ pointer: '/records' }] });
  });

  it('serves health', async () => {
    const response = await fetch('http://national-center.test/health');
    expect(await response.json()).toMatchObject({
      status: 'up',
      role: 'national-center',
      time: '2026-04-01T03:00:00.000Z',
    });
    expect(response.headers.get('x-correlation-id')).toBeTruthy();
  });
});
