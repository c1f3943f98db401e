import type { LedgerEntry } from '../../../evidence/ledger-entry.ts';
import { identityFromSubjectAltName } from '../../../security/party-identity.ts';

/** One TLS connection a role completed to a mock peer (`tls-connection`), paired with its end. */
export interface PeerConnection {
  readonly connection: string;
  /** The role its client certificate named, or `no role`. */
  readonly clientRole: string;
  /** Whether the peer noted its end (`tls-connection-closed`). */
  readonly ended: boolean;
}

/** What a mock peer's ledger shows of a role calling it, since one moment. */
export interface PeerTraffic {
  readonly connections: readonly PeerConnection[];
  readonly handshakesFailed: number;
  /**
   * Requests the peer received: its exchanges, or the requests its ended connections carried by
   * their own count (which never misses one whose exchange the mock records only later).
   */
  readonly requests: number;
  /** Completed connections neither ended nor, as far as the peer saw, carrying a request. */
  readonly held: number;
  /** Whether the peer saw a first handshake outcome: a completed or a failed handshake. */
  readonly reached: boolean;
  /**
   * Whether nothing more is to be waited for: a request arrived (to an unacceptable server it
   * fails the trial; to an acceptable one it shows the call), or every completed connection ended.
   */
  readonly settled: boolean;
  readonly entries: readonly LedgerEntry[];
}

const dataOf = (e: LedgerEntry): Record<string, unknown> =>
  e.kind === 'observation' && typeof e.data === 'object' && e.data !== null
    ? (e.data as Record<string, unknown>)
    : {};

/**
 * The traffic `peer` saw from the role after ledger sequence `since`: its exchanges (not the
 * suite's own) and its TLS observations (src/mocks/tls-watch.ts). An end noted for a connection
 * opened before `since` (a connection the peer closed when it was served again) is not counted.
 */
export function peerTraffic(entries: readonly LedgerEntry[], peer: string, since: number): PeerTraffic {
  const seen = entries.filter(
    (e) =>
      e.seq > since &&
      ((e.kind === 'exchange' && e.to === peer && e.from !== 'suite') ||
        (e.kind === 'observation' && e.source === peer && e.what.startsWith('tls-'))),
  );
  const observed = (what: string) => seen.filter((e) => e.kind === 'observation' && e.what === what);
  const ends = new Map(observed('tls-connection-closed').map((e) => [String(dataOf(e).connection), e]));
  const connections = observed('tls-connection').map((e): PeerConnection => {
    const { connection, clientNames } = dataOf(e);
    const names = typeof clientNames === 'string' ? clientNames : undefined;
    return {
      connection: String(connection),
      clientRole: identityFromSubjectAltName(names)?.role ?? 'no role',
      ended: ends.has(String(connection)),
    };
  });
  const carried = connections.reduce((sum, c) => {
    const end = ends.get(c.connection);
    const count = end ? Number(dataOf(end).requests) : 0;
    return sum + (Number.isFinite(count) ? count : 0);
  }, 0);
  const requests = Math.max(seen.filter((e) => e.kind === 'exchange').length, carried);
  const handshakesFailed = observed('tls-handshake-failed').length;
  const held = requests > 0 ? 0 : connections.filter((c) => !c.ended).length;
  return {
    connections,
    handshakesFailed,
    requests,
    held,
    reached: connections.length + handshakesFailed > 0,
    settled: requests > 0 || held === 0,
    entries: seen,
  };
}
