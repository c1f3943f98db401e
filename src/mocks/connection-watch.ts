import type { Socket } from 'node:net';

/**
 * What became of a connection after the mock's last exchange on it: when the client closed it
 * without sending another request, and whether it reset it. A reset means the client's system
 * dropped bytes it had not read, that is, our answer; a client that gave up on its own timeout
 * (on a loaded machine, even after the answer reached it) closes this way. A connection the mock
 * closed itself (idle timeout, shutdown) is not the client's doing and is not reported.
 */
export interface ClientClosed {
  /** Ledger time (`ledger.now()`) the connection closed. */
  readonly closedMs: number;
  /** True when the client reset the connection rather than closing it in order. */
  readonly reset: boolean;
}

interface Watched {
  /** The latest exchange on this connection; earlier ones were followed by another request. */
  latest: object | null;
  /** Its ledger sequence number, once the exchange entry is written. */
  seq: number | null;
  peerEnded: boolean;
  closed: ClientClosed | null;
}

const watched = new WeakMap<Socket, Watched>();

/**
 * Follows `socket` for one exchange. Call the returned function with the exchange entry's sequence
 * number once it is written; `onClientClosed` runs once, for the latest exchange on the connection
 * only, when the client closes it (before or after the entry is written).
 */
export function watchConnection(
  socket: Socket | null,
  now: () => number,
  onClientClosed: (exchangeSeq: number, closed: ClientClosed) => void,
): (exchangeSeq: number) => void {
  if (!socket) return () => undefined;
  let state = watched.get(socket);
  if (!state) {
    const fresh: Watched = { latest: null, seq: null, peerEnded: false, closed: null };
    state = fresh;
    watched.set(socket, fresh);
    socket.once('end', () => {
      fresh.peerEnded = true;
    });
    socket.once('close', (hadError: boolean) => {
      if (!fresh.peerEnded && !hadError) return;
      fresh.closed = { closedMs: now(), reset: hadError };
      if (fresh.seq !== null) onClientClosed(fresh.seq, fresh.closed);
    });
  }
  const token = {};
  const current = state;
  current.latest = token;
  current.seq = null;
  return (exchangeSeq) => {
    if (current.latest !== token) return;
    current.seq = exchangeSeq;
    if (current.closed) onClientClosed(exchangeSeq, current.closed);
  };
}
