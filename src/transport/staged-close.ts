import type { Duplex } from 'node:stream';

/** How long a refused connection goes on reading what the client still sends before it is closed. */
export const LINGER_MS = 2_000;

/** The status line for each error Node's HTTP parser reports; any other is a 400. */
const STATUS_LINES: Readonly<Record<string, string>> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
  ERR_HTTP_REQUEST_HEADER_TIMEOUT: '408 Request Timeout',
};

const refusing = new WeakSet<Duplex>();

/** The response Node has attached to a connection, if any (Node keeps it on the socket). */
function responseStarted(socket: Duplex): boolean {
  const attached = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return attached?.headersSent === true;
}

/**
 * Answers a request the HTTP parser refused (oversized header section, malformed request) and
 * closes its connection in stages, as RFC 9112 §9.6 asks: the answer and
 * a FIN first, then the server keeps reading and discarding what the client is still sending until
 * the client closes or `LINGER_MS` pass. Closing at once with unread input makes the kernel send a
 * reset, which can destroy the answer before the client reads it (through a port mapping it
 * usually does): the refusal GEN-VAL-013 asks for would never arrive. Headers not complete in time
 * are answered 408 and the connection closed at once. Called again for the same
 * connection (the parser reports each later chunk too), it does nothing.
 */
export function refuseInStages(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (refusing.has(socket)) return;
  refusing.add(socket);
  if (error.code === 'ECONNRESET' || !socket.writable || responseStarted(socket)) {
    socket.destroy();
    return;
  }
  const status = STATUS_LINES[error.code ?? ''] ?? '400 Bad Request';
  const answer = `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;
  if (!error.code?.startsWith('HPE_')) {
    // Not a parse error (headers not complete in time): the parser would go on and could still
    // complete the refused request if the connection stayed open, so it ends at once.
    socket.end(answer);
    socket.destroy();
    return;
  }
  // A parse error leaves the parser failed: nothing more on this connection can become a request.
  socket.end(answer);
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  // Whatever still arrives is read and dropped, so the close that follows is a FIN, not a reset.
  socket.resume();
}
