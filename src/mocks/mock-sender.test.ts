import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeEntry, FaultEntry } from '../evidence/ledger-entry.ts';
import { specValidator, type Validate } from '../evidence/validate.ts';
import { type StartedServer, startServer } from '../transport/index.ts';
import { connectMock } from './connect-mock.ts';
import { type StartedMock, startMock } from './mock-runtime.ts';

/** A peer that records the bodies it receives and answers each with `answer`. */
async function recordingPeer(
  answer: (body: { records?: { recordId: string }[] }, res: ServerResponse) => void = (body, res) =>
    json(res, {
      batchId: (body as { batchId?: string }).batchId,
      results: (body.records ?? []).map((r) => ({ recordId: r.recordId, outcome: 'accepted' })),
    }),
) {
  const bodies: { records?: { recordId: string }[] }[] = [];
  const server = await startServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      bodies.push(body);
      answer(body, res);
    });
  });
  return { server, bodies };
}

function json(res: ServerResponse, body: unknown): void {
  const bytes = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(bytes) });
  res.end(bytes);
}

const exchanges = (entries: readonly { kind: string }[]) =>
  entries.filter((e): e is ExchangeEntry => e.kind === 'exchange');
const faults = (entries: readonly { kind: string }[]) =>
  entries.filter((e): e is FaultEntry => e.kind === 'fault');

async function until(condition: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('mocks that send', () => {
  let validate: Validate;
  const started: { stop(): Promise<void> }[] = [];
  const track = <T extends { stop(): Promise<void> }>(thing: T): T => {
    started.push(thing);
    return thing;
  };
  const mock = async (role: string): Promise<StartedMock> => track(await startMock({ role, validate }));
  const peer = async (answer?: Parameters<typeof recordingPeer>[0]) => {
    const made = await recordingPeer(answer);
    track(made.server as StartedServer);
    return made;
  };

  beforeAll(async () => {
    validate = await specValidator();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((thing) => thing.stop()));
  });

  it('sends on request, validated and recorded with its answer, mock to mock', async () => {
    const center = await mock('national-center');
    const municipality = await mock('municipality');
    await center.setPeers([{ interface: 'registration-notices', url: municipality.url }]);

    const { deliveries } = await center.send({
      interface: 'registration-notices',
      correlationId: 'notice-1',
    });

    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      from: 'national-center',
      to: 'municipality',
      interface: 'registration-notices',
      method: 'POST',
      path: '/registration-notices',
      correlationId: 'notice-1',
      outcome: 'answered',
      status: 200,
      responseBody: { outcome: 'acknowledged' },
      validation: {
        request: { messageType: 'registration-notices/notice', valid: true },
        response: { messageType: 'registration-notices/acknowledgement', valid: true },
      },
    });
    expect(exchanges(await center.ledgerEntries())).toEqual(deliveries);
    expect(exchanges(await municipality.ledgerEntries())[0]).toMatchObject({
      correlationId: 'notice-1',
      validation: { request: { valid: true } },
    });
  });

  it('takes its peers at start', async () => {
    const municipality = await mock('municipality');
    const center = track(
      await startMock({
        role: 'national-center',
        validate,
        peers: [{ interface: 'registration-notices', url: municipality.url, name: 'town-1' }],
      }),
    );
    const { deliveries } = await center.send({ interface: 'registration-notices', peer: 'town-1' });
    expect(deliveries[0]).toMatchObject({ to: 'town-1', status: 200 });
  });

  it('records an invalid message it was told to send, and a timeout', async () => {
    const center = await mock('national-center');
    const silent = await peer(() => {});
    await center.setPeers([{ interface: 'revocation-requests', url: silent.server.url }]);
    const { deliveries } = await center.send({
      interface: 'revocation-requests',
      body: { batchId: 'not-a-uuid', records: [] },
      timeoutMs: 100,
    });
    expect(deliveries[0]).toMatchObject({
      outcome: 'timeout',
      status: null,
      error: 'no complete answer within 100 ms',
      validation: { request: { valid: false } },
    });
  });

  it('reports what it sent in its reconciliation, as the sender', async () => {
    const center = await mock('national-center');
    const authority = await peer();
    await center.setPeers([{ interface: 'revocation-requests', url: authority.server.url }]);
    await center.send({ interface: 'revocation-requests', body: revocations(1) });
    const date = '2026-04-01';
    const response = await fetch(`${center.url}/reconciliation?date=${date}&peer=certification-authority`);
    const report = (await response.json()) as { entries: { interface: string; direction: string }[] };
    expect(validate('reconciliation/report', report).errors).toEqual([]);
    expect(report.entries).toContainEqual(
      expect.objectContaining({
        interface: 'revocation-requests',
        direction: 'outbound',
        counts: { total: 1, accepted: 1, duplicate: 0, rejected: 0, pending: 0, deadLettered: 0 },
      }),
    );
  });

  it('sends on a schedule, the number of times asked', async () => {
    const kiosk = await mock('kiosk-gateway');
    const service = await peer((_body, res) => json(res, {}));
    await kiosk.setPeers([{ interface: 'certificate-requests', url: service.server.url }]);
    await kiosk.schedule({ interface: 'certificate-requests', everyMs: 20, times: 3 });
    await until(async () => exchanges(await kiosk.ledgerEntries()).length === 3);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(service.bodies).toHaveLength(3);
    const sent = exchanges(await kiosk.ledgerEntries());
    expect(new Set(sent.map((e) => (e.requestBody as { requestId: string }).requestId)).size).toBe(3);
    expect(sent.every((e) => e.validation.request?.valid)).toBe(true);
  });

  it('keys peers by interface and name: two of one role, and one role per interface', async () => {
    const municipality = await mock('municipality');
    const [centerA, centerB, issuance] = [await peer(), await peer(), await peer()];
    await municipality.setPeers([
      { interface: 'resident-changes', url: centerA.server.url, name: 'center-a' },
      { interface: 'resident-changes', url: centerB.server.url, name: 'center-b' },
      { interface: 'resident-sync', url: issuance.server.url },
    ]);
    await expect(municipality.send({ interface: 'resident-changes' })).rejects.toMatchObject({
      code: 'AMBIGUOUS_PEER',
    });
    await municipality.send({ interface: 'resident-changes', peer: 'center-b', count: 2 });
    const { deliveries } = await municipality.send({ interface: 'resident-sync' });
    expect(centerA.bodies).toHaveLength(0);
    expect(centerB.bodies[0]?.records).toHaveLength(2);
    expect(issuance.bodies).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ to: 'issuance-service', interface: 'resident-sync' });
    await expect(municipality.send({ interface: 'revocation-requests' })).rejects.toMatchObject({
      code: 'NOT_SENT_BY_MOCK',
    });
    const kiosk = await mock('kiosk-gateway');
    await expect(kiosk.send({ interface: 'certificate-requests' })).rejects.toMatchObject({
      code: 'NO_PEER',
    });
  });

  it('applies duplicate-delivery, seeded and recorded', async () => {
    const script = {
      seed: 42,
      rules: [
        {
          id: 'twice',
          interface: 'registration-notices',
          when: { probability: 0.5 },
          action: { kind: 'duplicate-delivery' },
        },
      ],
    };
    const duplicated = async () => {
      const center = await mock('national-center');
      const municipality = await mock('municipality');
      await center.setPeers([{ interface: 'registration-notices', url: municipality.url }]);
      await center.setFaults(script);
      const pattern: number[] = [];
      for (let i = 0; i < 8; i++)
        pattern.push((await center.send({ interface: 'registration-notices' })).deliveries.length);
      return { pattern, center, municipality };
    };
    const first = await duplicated();
    const second = await duplicated();
    expect(first.pattern).toEqual(second.pattern);
    expect(first.pattern).toContain(1);
    expect(first.pattern).toContain(2);

    const sent = exchanges(await first.center.ledgerEntries());
    const applied = faults(await first.center.ledgerEntries());
    expect(applied).toHaveLength(first.pattern.filter((n) => n === 2).length);
    for (const fault of applied) {
      const copy = sent.find((e) => e.seq === fault.exchangeSeq);
      const original = sent.find((e) => e.seq === fault.detail.duplicateOf);
      expect(fault).toMatchObject({ ruleId: 'twice', action: 'duplicate-delivery' });
      expect(copy?.requestBody).toEqual(original?.requestBody);
      expect(original?.responseBody).toMatchObject({ outcome: 'acknowledged' });
      expect(copy?.responseBody).toMatchObject({ outcome: 'duplicate' });
    }
  });

  it('applies reorder: holds a window of sends and delivers them in reverse order, recorded', async () => {
    const center = await mock('national-center');
    const authority = await peer();
    await center.setPeers([{ interface: 'revocation-requests', url: authority.server.url }]);
    await center.setFaults({
      rules: [
        {
          id: 'backwards',
          interface: 'revocation-requests',
          times: 3,
          action: { kind: 'reorder', window: 3 },
        },
      ],
    });
    const sends = [1, 2, 3].map((n) =>
      center.send({ interface: 'revocation-requests', body: revocations(n), correlationId: `r-${n}` }),
    );
    await Promise.all(sends);
    expect(authority.bodies.map((b) => b.records?.[0]?.recordId)).toEqual([3, 2, 1].map(recordId));
    const applied = faults(await center.ledgerEntries());
    expect(applied.map((f) => f.detail)).toEqual([
      expect.objectContaining({ window: 3, heldPosition: 3, releasedAs: 1 }),
      expect.objectContaining({ window: 3, heldPosition: 2, releasedAs: 2 }),
      expect.objectContaining({ window: 3, heldPosition: 1, releasedAs: 3 }),
    ]);

    // A window never filled is released by flushHeld, still in reverse order.
    await center.setFaults({ rules: [{ id: 'late', action: { kind: 'reorder', window: 5 } }] });
    const held = [4, 5].map((n) => center.send({ interface: 'revocation-requests', body: revocations(n) }));
    await until(
      async () => faults(await center.ledgerEntries()).length === 3 && authority.bodies.length === 3,
    );
    await center.flushHeld();
    await Promise.all(held);
    expect(authority.bodies.slice(3).map((b) => b.records?.[0]?.recordId)).toEqual([5, 4].map(recordId));
  });

  it('sends through the control API, as connectMock does for a mock in another process', async () => {
    const center = await mock('national-center');
    const municipality = await mock('municipality');
    const remote = track(connectMock(center.url, 'national-center'));
    await remote.setPeers([{ interface: 'registration-notices', url: municipality.url }]);
    const { deliveries } = await remote.send({ interface: 'registration-notices' });
    expect(deliveries[0]).toMatchObject({ status: 200, outcome: 'answered' });
    await expect(remote.send({ interface: 'resident-sync' })).rejects.toMatchObject({ code: 'MOCK_REFUSED' });
    await remote.schedule({ interface: 'registration-notices', everyMs: 10_000 });
    await remote.cancelSchedules();
  });
});

const recordId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function revocations(n: number) {
  return {
    batchId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    sentAt: '2026-04-01T10:00:00Z',
    records: [
      {
        recordId: recordId(n),
        recordedAt: '2026-04-01T10:00:00Z',
        serialNumber: '00A1B2C3D4E5F60718',
        residentCode: '10000000012',
        reason: 'loss',
      },
    ],
  };
}
