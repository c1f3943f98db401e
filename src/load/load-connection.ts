import net from 'node:net';
import tls from 'node:tls';

/**
 * One keep-alive HTTP/1.1 connection of the load generator: a request written as bytes made
 * once, and a response parser that reads only what a load figure needs (status, then the body
 * by `content-length` or chunks, dropped). No request or response objects per exchange, which
 * is what lets the generator keep up with a server on the same two cores.
 */
/** Called once per request, with the status (0 for no answer: connection error or timeout). */
export type Exchange = (status: number) => void;

const CRLF_CRLF = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** The request bytes, made once for every send. */
export function requestBytes(
  url: URL,
  path: string,
  method: string,
  headers: Readonly<Record<string, string>>,
  body: string | undefined,
): Buffer {
  const lines = [`${method} ${path} HTTP/1.1`, `host: ${url.host}`, 'connection: keep-alive'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`content-length: ${Buffer.byteLength(body)}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), Buffer.from(body ?? '')]);
}

export class LoadConnection {
  #socket: net.Socket | null = null;
  #buffer: Buffer = Buffer.alloc(0);
  #current: Exchange | null = null;
  #status = 0;
  /** Body bytes still to skip; -1 while reading the head, -2 while reading chunks. */
  #remaining = -1;
  #closeAfter = false;

  constructor(
    private readonly url: URL,
    private readonly request: Buffer,
    private readonly timeoutMs: number,
  ) {}

  get busy(): boolean {
    return this.#current !== null;
  }

  /** Sends the request; `done` is called with the status when the whole answer is read. */
  send(done: Exchange): void {
    this.#current = done;
    this.#remaining = -1;
    this.#socket ??= this.#connect();
    this.#socket.write(this.request);
  }

  close(): Promise<void> {
    const socket = this.#socket;
    this.#socket = null;
    if (socket === null || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
    });
  }

  #connect(): net.Socket {
    const port = Number(this.url.port || (this.url.protocol === 'https:' ? 443 : 80));
    const host = this.url.hostname.replace(/^\[|\]$/g, '');
    const socket =
      this.url.protocol === 'https:'
        ? tls.connect({ host, port, servername: host })
        : net.connect({ host, port });
    socket.setNoDelay(true);
    socket.setTimeout(this.timeoutMs, () => socket.destroy());
    this.#buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => this.#read(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = null;
      this.#finish(0);
    });
    return socket;
  }

  #finish(status: number): void {
    const done = this.#current;
    this.#current = null;
    this.#remaining = -1;
    if (status !== 0 && this.#closeAfter) {
      this.#socket?.destroy();
      this.#socket = null;
    }
    done?.(status);
  }

  #read(chunk: Buffer): void {
    let data = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      if (this.#remaining === -1) {
        const end = data.indexOf(CRLF_CRLF);
        if (end === -1) break;
        this.#head(data.toString('latin1', 0, end));
        data = data.subarray(end + 4);
      } else if (this.#remaining === -2) {
        // Chunked: size line, data, CRLF; a zero size (and its trailing CRLF) ends the body.
        const lineEnd = data.indexOf(CRLF);
        if (lineEnd === -1) break;
        const size = Number.parseInt(data.toString('latin1', 0, lineEnd), 16);
        const need = lineEnd + 2 + size + 2;
        if (data.length < need) break;
        data = data.subarray(need);
        if (size === 0) this.#finish(this.#status);
      } else {
        const take = Math.min(this.#remaining, data.length);
        this.#remaining -= take;
        data = data.subarray(take);
        if (this.#remaining > 0) break;
        this.#finish(this.#status);
      }
      if (data.length === 0) break;
    }
    this.#buffer = data.length === 0 ? Buffer.alloc(0) : Buffer.from(data);
  }

  #head(head: string): void {
    this.#status = Number(head.slice(9, 12));
    const lower = head.toLowerCase();
    const length = /\r\ncontent-length:\s*(\d+)/.exec(lower);
    this.#closeAfter = /\r\nconnection:\s*close/.test(lower);
    if (length) this.#remaining = Number(length[1]);
    else if (/\r\ntransfer-encoding:[^\r]*chunked/.test(lower)) this.#remaining = -2;
    else this.#remaining = 0;
    if (this.#remaining === 0) this.#finish(this.#status);
  }
}
