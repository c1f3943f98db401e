import { describe, expect, it } from 'vitest';
import { batchExchange, rec } from '../../../checks/ledger-fixtures.ts';
import type { ExchangeEntry, LedgerEntry, ObservationEntry } from '../../../evidence/ledger-entry.ts';
import { peerTraffic } from './peer-traffic.ts';

const PEER = 'national-center';
let seq = 1_000;
const seen = (what: string, data: unknown, source = PEER): ObservationEntry => ({
  kind: 'observation',
  seq: ++seq,
  at: new Date(1_800_000_000_000 + seq).toISOString(),
  startMs: seq,
  source,
  what,
  data,
});
const opened = (connection: string) =>
  seen('tls-connection', { connection, clientNames: 'URI:urn:tekigo:role:relay, DNS:localhost' });
const closed = (connection: string, requests = 0) => seen('tls-connection-closed', { connection, requests });
const request = (from = 'sut'): ExchangeEntry => ({
  ...batchExchange({ startMs: 1, records: [rec(1)] }),
  from,
  seq: ++seq,
});

describe('peerTraffic', () => {
  it('has not reached the peer before any handshake outcome', () => {
    expect(peerTraffic([], PEER, 0)).toMatchObject({ reached: false, connections: [], requests: 0 });
  });

  it('is settled at a failed handshake, and at a connection that ended without a request', () => {
    expect(peerTraffic([seen('tls-handshake-failed', { error: 'ECONNRESET' })], PEER, 0)).toMatchObject({
      reached: true,
      settled: true,
      handshakesFailed: 1,
    });
    const ended = peerTraffic([opened('tls-1'), closed('tls-1')], PEER, 0);
    expect(ended).toMatchObject({ reached: true, settled: true, held: 0, requests: 0 });
    expect(ended.connections).toEqual([{ connection: 'tls-1', clientRole: 'relay', ended: true }]);
  });

  it('is not settled while a completed connection is open and silent, whatever time passed', () => {
    const held = peerTraffic([opened('tls-1'), opened('tls-2'), closed('tls-2')], PEER, 0);
    expect(held).toMatchObject({ reached: true, settled: false, held: 1, requests: 0 });
  });

  it('is settled by one request, an exchange or one counted at a connection’s end', () => {
    expect(peerTraffic([opened('tls-1'), request()], PEER, 0)).toMatchObject({
      settled: true,
      requests: 1,
      held: 0,
    });
    // The end is noted before the (aborted) exchange is: its count still shows the request.
    expect(peerTraffic([opened('tls-1'), closed('tls-1', 1)], PEER, 0)).toMatchObject({
      settled: true,
      requests: 1,
    });
  });

  it('ignores what came before `since`, ends of earlier connections, other sources and the suite', () => {
    const before = opened('tls-0');
    const since = seq;
    const entries: LedgerEntry[] = [
      before,
      closed('tls-0', 3),
      seen('tls-connection', { connection: 'tls-9', clientNames: null }, 'municipality'),
      request('suite'),
      opened('tls-1'),
      closed('tls-1'),
    ];
    const traffic = peerTraffic(entries, PEER, since);
    expect(traffic).toMatchObject({ requests: 0, settled: true, held: 0 });
    expect(traffic.connections.map((c) => c.connection)).toEqual(['tls-1']);
  });
});
