import { isUtf8 } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import net from 'node:net';
import { TekigoEnvironmentError } from '../errors.ts';
import { captureBody, captureHeaders, isJsonContentType, TEXT_BODY_LIMIT } from '../evidence/capture.ts';
import type { Ledger } from '../evidence/ledger.ts';
import type { ExchangeEntry } from '../evidence/ledger-entry.ts';
import { responseMessageType, type Validate } from '../evidence/validate.ts';

export interface RawHttpClientOptions {
  readonly baseUrl: string;
  readonly ledger: Ledger;
  /** Applied to problem+json answers, as `common/problem`. */
  readonly validate: Validate;
  /**
   * How long a write may wait to be taken by the network, and how long `exchange` and `stream`
   * wait for an answer the target owes at once. Defaults to 3 s.
   */
  readonly answerWaitMs?: number;
}

export interface RawRequest {
  readonly method: string;
  /** Path and query, sent as they are. */
  readonly path: string;
  /**
   * Sent as given, after `host` and `connection: close`. A body gets a `content-length` unless
   * these name `content-length` or `transfer-encoding`.
   */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** The interface the exchange is recorded under. */
  readonly interface?: string;
}

export interface RawStreamRequest extends Omit<RawRequest, 'body'> {
  /** How the body is framed; the matching `content-length` or `transfer-encoding` header is added. */
  readonly framing: 'content-length' | 'chunked';
  /** Body size. The body is spaces (JSON whitespace): only its size matters. */
  readonly bytes: number;
}

/** The first complete HTTP/1.1 response on a connection. */
export interface RawAnswer {
  readonly status: number;
  /** Every response header, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON for a JSON content type that parses, otherwise the text; `null` when empty. */
  readonly body: unknown;
}

export interface RawExchange {
  readonly answer: RawAnswer | null;
  readonly entry: ExchangeEntry;
}

export interface RawStream extends RawExchange {
  /** Body bytes handed to the connection before the target answered, closed it or stopped taking them. */
  readonly sentBytes: number;
  /** The answer came before the last body byte was sent. */
  readonly answeredWhileSending: boolean;
}

/**
 * One TCP connection, written byte by byte and read as raw HTTP/1.1. It is recorded in the
 * ledger once, when `close()` or `reset()` ends it: end every connection you open.
 */
export interface RawConnection {
  /** The first complete response, if one has arrived. */
  readonly answer: RawAnswer | null;
  /** Milliseconds from opening until the target closed the connection; null while it is open. */
  readonly closedAfterMs: number | null;
  /**
   * Writes and waits until the bytes are taken by the network, so that what the target sends
   * meanwhile is read; false when the connection is gone, answered or stuck first.
   */
  write(data: string | Uint8Array): Promise<boolean>;
  /** The ms from opening at which the target closed the connection, or null if it is still open by then. */
  closedWithin(msSinceOpen: number): Promise<number | null>;
  /** The ms from opening at which an answer or a close came, or null if neither came by then. */
  answeredOrClosedWithin(msSinceOpen: number): Promise<number | null>;
  /** Ends the connection with a TCP reset, as a crashed or impatient client does, and records it. */
  reset(): ExchangeEntry;
  /** Ends the connection and records it; once ended, returns the same entry. */
  close(): ExchangeEntry;
}

export interface RawHttpClient {
  readonly baseUrl: string;
  /** The bytes of `request`: for partial writes through `open()`. */
  encode(request: RawRequest): Buffer;
  /** Sends `request` on a new connection, waits for the answer or a close, and records the exchange. */
  exchange(request: RawRequest): Promise<RawExchange>;
  /** Streams a body of `bytes`, stopping as soon as the target answers, closes or stops reading. */
  stream(request: RawStreamRequest): Promise<RawStream>;
  /** A connection for the caller to drive: nothing is sent until it writes. */
  open(options?: { readonly interface?: string }): Promise<RawConnection>;
}

const DEFAULT_ANSWER_WAIT_MS = 3_000;
const CONNECT_TIMEOUT_MS = 5_000;
const STREAM_CHUNK_BYTES = 256 * 1024;
/** How much of a large request body the evidence shows as text. */
const BODY_HEAD_BYTES = 256;

/**
 * The suite's side of the wire for what an HTTP client library will not send: headers never
 * completed, bodies that stall, resets mid-request, bytes that are not UTF-8, oversized
 * streamed bodies. Every connection lands in the ledger as an exchange from `suite` to `sut`
 * with what was sent, what came back and what happened on the wire; problem answers are
 * validated. Only a target that cannot be connected to throws, after recording the attempt.
 *
 * A connection is recorded when it ends, with the times it opened and ended. Its request body is
 * the bytes after the head as they went on the wire (chunk framing included): kept as text when
 * UTF-8 and at most 64 KiB, otherwise as `{ bytes, sha256 }` plus `head` (the first 256 bytes as
 * text) when larger, or `base64` (all of it) when not UTF-8.
 */
export function createRawHttpClient(options: RawHttpClientOptions): RawHttpClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const { host, hostname, port } = new URL(baseUrl);
  const waitMs = options.answerWaitMs ?? DEFAULT_ANSWER_WAIT_MS;

  const connect = (interfaceName: string | undefined) =>
    new Connection({
      ledger: options.ledger,
      validate: options.validate,
      hostname,
      port: Number(port),
      waitMs,
      interface: interfaceName ?? null,
    });

  async function ensureConnected(connection: Connection): Promise<void> {
    if (await connection.connected) return;
    const entry = connection.close();
    throw new TekigoEnvironmentError(
      'TARGET_UNREACHABLE',
      `cannot open a connection to ${baseUrl}: ${connection.connectFailure}; the target must keep accepting connections`,
      { url: baseUrl, seq: entry.seq },
    );
  }

  function encode(request: RawRequest): Buffer {
    const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
    const given = request.headers ?? {};
    const names = Object.keys(given).map((name) => name.toLowerCase());
    const length =
      body !== undefined && !names.includes('content-length') && !names.includes('transfer-encoding')
        ? { 'content-length': String(body.length) }
        : {};
    const lines = Object.entries({ host, connection: 'close', ...given, ...length }).map(
      ([name, value]) => `${name}: ${value}\r\n`,
    );
    const head = Buffer.from(`${request.method} ${request.path} HTTP/1.1\r\n${lines.join('')}\r\n`);
    return body === undefined ? head : Buffer.concat([head, body]);
  }

  async function exchange(request: RawRequest): Promise<RawExchange> {
    const connection = connect(request.interface);
    await connection.write(encode(request));
    await ensureConnected(connection);
    await connection.answeredOrClosedWithin(connection.elapsedMs() + waitMs);
    return { answer: connection.answer, entry: connection.close() };
  }

  async function stream(request: RawStreamRequest): Promise<RawStream> {
    const total = request.bytes;
    const chunked = request.framing === 'chunked';
    const connection = connect(request.interface);
    await connection.write(
      encode({
        method: request.method,
        path: request.path,
        headers: {
          ...request.headers,
          ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(total) }),
        },
      }),
    );
    await ensureConnected(connection);
    const filler = Buffer.alloc(STREAM_CHUNK_BYTES, 0x20);
    let sentBytes = 0;
    while (sentBytes < total && connection.answer === null && connection.closedAfterMs === null) {
      const data = filler.subarray(0, Math.min(filler.length, total - sentBytes));
      const framed = chunked
        ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')])
        : data;
      sentBytes += data.length;
      if (!(await connection.write(framed))) break;
    }
    if (sentBytes === total && chunked) await connection.write('0\r\n\r\n');
    await connection.answeredOrClosedWithin(connection.elapsedMs() + waitMs);
    const { answer } = connection;
    // Stopped before the last byte was queued: whatever answer came, came before the body was complete.
    return {
      answer,
      entry: connection.close(),
      sentBytes,
      answeredWhileSending: sentBytes < total && answer !== null,
    };
  }

  async function open(openOptions: { readonly interface?: string } = {}): Promise<RawConnection> {
    const connection = connect(openOptions.interface);
    await ensureConnected(connection);
    return connection;
  }

  return { baseUrl, encode, exchange, stream, open };
}

interface ConnectionOptions {
  readonly ledger: Ledger;
  readonly validate: Validate;
  readonly hostname: string;
  readonly port: number;
  readonly waitMs: number;
  readonly interface: string | null;
}

class Connection implements RawConnection {
  /** Resolves true once connected, false when the connection could not be made. */
  readonly connected: Promise<boolean>;
  readonly #options: ConnectionOptions;
  readonly #socket: net.Socket;
  readonly #at = new Date().toISOString();
  readonly #startMs: number;
  readonly #sent = new Outgoing();
  readonly #waiters = new Set<() => void>();
  #received = Buffer.alloc(0);
  #answer: ParsedAnswer | null = null;
  #answeredAtMs: number | null = null;
  #closedAtMs: number | null = null;
  #socketError: (Error & { code?: string }) | null = null;
  #isConnected = false;
  #connectFailure: string | null = null;
  /** Why tekigo stopped waiting, when it did. */
  #gaveUp: string | null = null;
  #endedByUs = false;
  #entry: ExchangeEntry | null = null;

  constructor(options: ConnectionOptions) {
    this.#options = options;
    this.#startMs = options.ledger.now();
    const socket = net.connect({ host: options.hostname, port: options.port });
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      if (this.#answer !== null) return;
      this.#received = Buffer.concat([this.#received, chunk]);
      this.#answer = parseAnswer(this.#received);
      if (this.#answer !== null) this.#answeredAtMs = options.ledger.now();
      this.#notify();
    });
    // A reset by the target is an outcome the caller judges, not an error of the suite.
    socket.on('error', (error) => {
      this.#socketError ??= error;
    });
    socket.on('close', () => {
      if (!this.#endedByUs) this.#closedAtMs ??= options.ledger.now();
      this.#notify();
    });
    this.connected = new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#connectFailure = `no connection within ${CONNECT_TIMEOUT_MS} ms`;
        socket.destroy();
      }, CONNECT_TIMEOUT_MS);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.#isConnected = true;
        resolve(true);
      });
      socket.once('close', () => {
        clearTimeout(timer);
        if (!this.#isConnected)
          this.#connectFailure ??= this.#socketError?.message ?? 'closed while connecting';
        resolve(false);
      });
    });
  }

  get answer(): RawAnswer | null {
    if (this.#answer === null) return null;
    const { status, headers, body } = this.#answer;
    return { status, headers, body };
  }

  /** Why no connection could be made; null once connected or while connecting. */
  get connectFailure(): string | null {
    return this.#connectFailure;
  }

  get closedAfterMs(): number | null {
    return this.#closedAtMs === null ? null : Math.round(this.#closedAtMs - this.#startMs);
  }

  elapsedMs(): number {
    return this.#options.ledger.now() - this.#startMs;
  }

  async write(data: string | Uint8Array): Promise<boolean> {
    if (this.#entry !== null || this.#socket.destroyed || !this.#socket.writable) return false;
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    this.#sent.add(bytes);
    let flushed: boolean | undefined;
    this.#socket.write(bytes, (error) => {
      flushed = !error;
      this.#notify();
    });
    const taken = await this.#until(
      () => flushed !== undefined || this.#closedAtMs !== null || this.#answer !== null,
      this.#options.waitMs,
    );
    if (!taken)
      this.#gaveUp ??= `a write of ${bytes.length} bytes was not taken within ${this.#options.waitMs} ms`;
    // A write the kernel takes at once completes before any input is read: give input its turn.
    await new Promise((resolve) => setImmediate(resolve));
    return flushed === true;
  }

  async closedWithin(msSinceOpen: number): Promise<number | null> {
    await this.#wait(() => this.#closedAtMs !== null, msSinceOpen);
    return this.closedAfterMs;
  }

  async answeredOrClosedWithin(msSinceOpen: number): Promise<number | null> {
    await this.#wait(() => this.#answer !== null || this.#closedAtMs !== null, msSinceOpen);
    const ended = [this.#answeredAtMs, this.#closedAtMs].filter((ms) => ms !== null);
    return ended.length === 0 ? null : Math.round(Math.min(...ended) - this.#startMs);
  }

  reset(): ExchangeEntry {
    return this.#end('reset');
  }

  close(): ExchangeEntry {
    return this.#end('closed');
  }

  #end(how: 'reset' | 'closed'): ExchangeEntry {
    if (this.#entry !== null) return this.#entry;
    const { ledger } = this.#options;
    const endMs = this.#answeredAtMs ?? this.#closedAtMs ?? ledger.now();
    if (!this.#socket.destroyed) {
      this.#endedByUs = true;
      if (how === 'reset') this.#socket.resetAndDestroy();
      else this.#socket.destroy();
    }
    const answer = this.#answer;
    const sent = this.#sent.request();
    const responseBody = answer ? captureBody(answer.headers['content-type'], answer.raw) : null;
    const responseType = answer
      ? responseMessageType(answer.status, answer.headers['content-type'], undefined)
      : null;
    const failure = answer ? null : this.#outcomeWithoutAnswer(how, endMs, sent.description);
    this.#entry = ledger.append({
      kind: 'exchange',
      at: this.#at,
      startMs: this.#startMs,
      endMs,
      durationMs: endMs - this.#startMs,
      from: 'suite',
      to: 'sut',
      interface: this.#options.interface,
      method: sent.method,
      path: sent.path,
      correlationId: sent.headers['x-correlation-id'] ?? null,
      requestHeaders: sent.headers,
      requestBody: sent.body,
      outcome: failure?.outcome ?? 'answered',
      status: answer?.status ?? null,
      responseHeaders: answer ? captureHeaders(answer.headers) : {},
      responseBody,
      error: failure?.error ?? null,
      faults: [],
      validation: {
        request: null,
        response: responseType ? this.#options.validate(responseType, responseBody) : null,
      },
    });
    return this.#entry;
  }

  /** What happened on the wire, in words an auditor can check against the times. */
  #outcomeWithoutAnswer(
    how: 'reset' | 'closed',
    endMs: number,
    sent: string,
  ): { outcome: ExchangeEntry['outcome']; error: string } {
    const after = `after ${Math.round(endMs - this.#startMs)} ms`;
    const partial =
      this.#received.length > 0 ? `; ${this.#received.length} bytes of an incomplete answer came` : '';
    if (this.#connectFailure !== null)
      return { outcome: 'network-error', error: `could not connect: ${this.#connectFailure}` };
    if (this.#closedAtMs !== null) {
      const verb = this.#socketError?.code === 'ECONNRESET' ? 'reset' : 'closed';
      return {
        outcome: 'network-error',
        error: `server ${verb} the connection ${after} without answering${partial} (${sent})`,
      };
    }
    if (this.#gaveUp !== null)
      return {
        outcome: 'timeout',
        error: `${this.#gaveUp}; tekigo ${how} the connection ${after}${partial} (${sent})`,
      };
    return {
      outcome: 'aborted',
      error: `tekigo ${how} the connection ${after} without waiting for an answer${partial} (${sent})`,
    };
  }

  async #wait(done: () => boolean, msSinceOpen: number): Promise<void> {
    const remaining = Math.max(0, msSinceOpen - this.elapsedMs());
    if (!(await this.#until(done, remaining)))
      this.#gaveUp ??= `no answer and no close within ${Math.round(msSinceOpen)} ms of opening`;
  }

  #notify(): void {
    for (const waiter of this.#waiters) waiter();
  }

  #until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (value: boolean) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(value);
      };
      const check = () => {
        if (done()) finish(true);
      };
      const timer = setTimeout(() => finish(done()), timeoutMs);
      this.#waiters.add(check);
    });
  }
}

interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** What was sent, in words: nothing, an incomplete head, or the head and so many body bytes. */
  readonly description: string;
}

/** What was handed to a connection: the head kept whole, the body counted, hashed and its start kept. */
class Outgoing {
  #head = Buffer.alloc(0);
  #headComplete = false;
  #bodyBytes = 0;
  readonly #hash: Hash = createHash('sha256');
  readonly #kept: Buffer[] = [];
  #keptBytes = 0;

  add(bytes: Uint8Array): void {
    let rest = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!this.#headComplete) {
      const joined = Buffer.concat([this.#head, rest]);
      const end = joined.indexOf('\r\n\r\n');
      if (end < 0) {
        this.#head = joined;
        return;
      }
      this.#head = joined.subarray(0, end + 4);
      this.#headComplete = true;
      rest = joined.subarray(end + 4);
    }
    this.#bodyBytes += rest.length;
    this.#hash.update(rest);
    if (this.#keptBytes < TEXT_BODY_LIMIT) {
      const kept = Buffer.from(rest.subarray(0, TEXT_BODY_LIMIT - this.#keptBytes));
      this.#kept.push(kept);
      this.#keptBytes += kept.length;
    }
  }

  request(): SentRequest {
    const lines = this.#head.toString('utf8').split('\r\n');
    // The last piece of an incomplete head is a line still being sent.
    if (!this.#headComplete) lines.pop();
    const [requestLine, ...fields] = lines;
    const [method = '', path = ''] = requestLine?.split(' ') ?? [];
    const headers: Record<string, string> = {};
    for (const field of fields) {
      const colon = field.indexOf(':');
      if (colon <= 0) continue;
      const name = field.slice(0, colon).trim().toLowerCase();
      const value = field.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    return {
      method,
      path,
      headers,
      body: this.#body(),
      description: !this.#headComplete
        ? this.#head.length === 0
          ? 'sent nothing'
          : `sent ${this.#head.length} bytes of a head never completed`
        : `sent the head and ${this.#bodyBytes} body bytes`,
    };
  }

  /** The text of a small UTF-8 body; otherwise its size, digest and start (or, when small, all of it). */
  #body(): unknown {
    if (this.#bodyBytes === 0) return null;
    const kept = Buffer.concat(this.#kept);
    const digest = { bytes: this.#bodyBytes, sha256: this.#hash.copy().digest('hex') };
    if (this.#bodyBytes > TEXT_BODY_LIMIT)
      return { ...digest, head: kept.subarray(0, BODY_HEAD_BYTES).toString('utf8') };
    // Bytes that are not UTF-8 are often the point of a raw request: decoding would hide them.
    return isUtf8(kept) ? kept.toString('utf8') : { ...digest, base64: kept.toString('base64') };
  }
}

interface ParsedAnswer extends RawAnswer {
  readonly raw: Buffer;
}

/** A complete HTTP/1.1 response (Content-Length or chunked), or null while it is incomplete. */
function parseAnswer(bytes: Buffer): ParsedAnswer | null {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [statusLine = '', ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) return null;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let rest = bytes.subarray(headEnd + 4);
  let raw: Buffer;
  if ((headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) {
    const chunks: Buffer[] = [];
    for (;;) {
      const lineEnd = rest.indexOf('\r\n');
      if (lineEnd < 0) return null;
      const size = Number.parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16);
      if (Number.isNaN(size)) return null;
      if (size === 0) break;
      if (rest.length < lineEnd + 2 + size + 2) return null;
      chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
    raw = Buffer.concat(chunks);
  } else {
    const length = Number(headers['content-length'] ?? 0);
    if (rest.length < length) return null;
    raw = Buffer.from(rest.subarray(0, length));
  }
  const text = raw.toString('utf8');
  let body: unknown = text === '' ? null : text;
  if (text !== '' && isJsonContentType(headers['content-type'])) {
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as text: a body that claims JSON but is not is itself what was observed.
    }
  }
  return { status, headers, body, raw };
}
