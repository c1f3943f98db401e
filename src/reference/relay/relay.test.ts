import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { HeldOperation } from '../../mocks/crypto-device/device-gate.ts';
import { answerOutOfOrder } from '../../mocks/crypto-device/out-of-order.ts';
import { type StartedMock, startMock } from '../../mocks/mock-runtime.ts';
import { createHttpClient } from '../../transport/index.ts';
import { type StartedRelay, startRelay } from './relay.ts';

const client = createHttpClient();
const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const party of running.splice(0).reverse()) await party.stop();
});

async function start(replica?: string, params: Record<string, string> = {}) {
  const device = await startMock({ role: 'crypto-device' });
  const center = await startMock({ role: 'national-center' });
  const relay = await startRelay({
    testMode: true,
    peers: { 'crypto-device': device.url, 'national-center': center.url },
    params,
    ...(replica ? { replica } : {}),
  });
  running.push(device, center, relay);
  return { device, center, relay };
}

function message(n = 0) {
  return {
    messageId: randomUUID(),
    terminalId: `TERM-${String(n).padStart(4, '0')}`,
    municipalityCode: '131016',
    operation: 'card-status',
    sentAt: new Date().toISOString(),
    payload: { residentCode: '12345678900', cardSerial: `CARD${String(n).padStart(8, '0')}` },
  };
}

async function post(relay: StartedRelay | StartedMock, path: string, body?: unknown) {
  const response = await client.fetch(`${relay.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': 'test-1' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    timeoutMs: 5_000,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

async function metrics(relay: StartedRelay) {
  const response = await client.fetch(`${relay.url}/metrics`, { timeoutMs: 2_000 });
  return (await response.json()) as {
    messages: { inProgress: number; forwarded: number; overloaded: number };
    limitHits: number;
    upstreamTimeouts: number;
    device: { operations: number };
  };
}

describe('reference relay', () => {
  it('forwards a message through the device and the center and answers the center’s response', async () => {
    const { relay, device, center } = await start();
    const sent = message(1);
    const answer = await post(relay, '/relay/messages', sent);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ messageId: sent.messageId, status: 'completed' });
    expect(answer.headers.get('x-correlation-id')).toBe('test-1');
    const ops = (await device.ledgerEntries()).filter(
      (e) => e.kind === 'exchange' && e.interface === 'crypto-device',
    );
    expect(ops).toHaveLength(4);
    const forwarded = (await center.ledgerEntries()).filter(
      (e) => e.kind === 'exchange' && e.interface === 'relay-forwarding',
    );
    expect(forwarded).toHaveLength(1);
    expect(await post(relay, '/relay/messages', sent)).toMatchObject({ status: 200, body: answer.body });
    expect((await metrics(relay)).messages).toMatchObject({ inProgress: 0, forwarded: 1 });
    expect((await metrics(relay)).device.operations).toBe(4);
  });

  it('matches out-of-order device answers by operationId; the crossed replica mixes them up', async () => {
    for (const replica of [undefined, 'relay-crossed-device-answers']) {
      const { relay, device } = await start(replica);
      await post(device, '/device-control/hold');
      const sent = [message(1), message(2), message(3)];
      const answers = Promise.all(sent.map((m) => post(relay, '/relay/messages', m)));
      await answerOutOfOrder(
        {
          hold: async () => void (await post(device, '/device-control/hold')),
          held: async (count = 0, waitMs = 0) => {
            const url = `${device.url}/device-control/held?atLeast=${count}&waitMs=${waitMs}`;
            const answer = await client.fetch(url, { timeoutMs: 5_000 });
            return ((await answer.json()) as { held: HeldOperation[] }).held;
          },
          release: async (plan) => void (await post(device, '/device-control/release', plan)),
        },
        { width: 3, rounds: 4, stepTimeoutMs: 2_000 },
      );
      const got = (await answers).map((a) => (a.body as { messageId?: string }).messageId);
      const crossed = got.some((id, i) => id !== sent[i]?.messageId);
      expect(crossed).toBe(replica !== undefined);
      for (const party of running.splice(0).reverse()) await party.stop();
    }
  });

  it('answers 504 timeout when the center hangs and counts it', async () => {
    const { relay, center } = await start(undefined, { requestTimeoutMs: '300' });
    await center.setFaults({
      rules: [{ id: 'hang', interface: 'relay-forwarding', action: { kind: 'hang' } }],
    });
    const started = performance.now();
    const answer = await post(relay, '/relay/messages', message(1));
    expect(answer.status).toBe(504);
    expect(answer.body.type).toBe('urn:tekigo:problem:timeout');
    expect(performance.now() - started).toBeLessThan(1_500);
    expect((await metrics(relay)).upstreamTimeouts).toBe(1);
  });

  it('refuses a message beyond maxConcurrentRequests with 503 overloaded and counts the limit hit', async () => {
    const { relay, device } = await start(undefined, { 'bounds.maxConcurrentRequests': '2' });
    await post(device, '/device-control/hold');
    const held = [post(relay, '/relay/messages', message(1)), post(relay, '/relay/messages', message(2))];
    await expect.poll(async () => (await metrics(relay)).messages.inProgress).toBe(2);
    const refused = await post(relay, '/relay/messages', message(3));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    await post(device, '/device-control/release', { order: 'arrival' });
    expect((await Promise.all(held)).map((a) => a.status)).toEqual([200, 200]);
    expect(await metrics(relay)).toMatchObject({ limitHits: 1, messages: { overloaded: 1, inProgress: 0 } });
  });
});
