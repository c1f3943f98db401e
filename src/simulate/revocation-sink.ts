import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK_HOST } from '../transport/index.ts';

/**
 * The certification authority's receiving side for the national day: answers
 * `POST /revocation-requests` with a batch-result (duplicate for a recordId seen before), a
 * transient 503 for a share of the batches, and tallies the revocation recordIds per serial
 * number so the run can show every linked revocation was requested once.
 */
export interface RevocationSink {
  readonly url: string;
  /** Serial number → the distinct revocation recordIds accepted for it. */
  readonly bySerial: ReadonlyMap<string, ReadonlySet<string>>;
  readonly batches: () => number;
  readonly faults: () => number;
  close(): Promise<void>;
}

interface RevocationRecord {
  readonly recordId: string;
  readonly serialNumber: string;
}

export async function startRevocationSink(faultRate: number, random: () => number): Promise<RevocationSink> {
  const bySerial = new Map<string, Set<string>>();
  const seen = new Set<string>();
  let batches = 0;
  let faults = 0;
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method === 'GET' && request.url === '/health') return answer(200, { status: 'up' });
      if (request.method !== 'POST' || request.url !== '/revocation-requests')
        return answer(404, { type: 'urn:tekigo:problem:not-found', status: 404 });
      batches++;
      if (random() < faultRate) {
        faults++;
        return answer(503, { type: 'urn:tekigo:problem:unavailable', status: 503, title: 'Try again' });
      }
      let body: { batchId?: string; records?: RevocationRecord[] };
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8'));
      } catch {
        return answer(400, { type: 'urn:tekigo:problem:validation', status: 400 });
      }
      const results = (body.records ?? []).map(({ recordId, serialNumber }) => {
        if (seen.has(recordId)) return { recordId, outcome: 'duplicate' };
        seen.add(recordId);
        const ids = bySerial.get(serialNumber) ?? new Set<string>();
        ids.add(recordId);
        bySerial.set(serialNumber, ids);
        return { recordId, outcome: 'accepted' };
      });
      answer(200, { batchId: body.batchId, results });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK_HOST, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${LOOPBACK_HOST}:${port}`,
    bySerial,
    batches: () => batches,
    faults: () => faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
