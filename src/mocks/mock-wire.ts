import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultAction } from '../faults/fault-script.ts';
import { PROBLEM_CONTENT_TYPE, type Problem, problemForStatus } from '../spec/problem-types.ts';
import { answerText, type LightResponse } from './json-response.ts';

/** How the mock runtime reads requests and writes answers on the wire. */

/** Bodies above this are refused with 413 and not kept. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export const GARBAGE = Uint8Array.from([0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e, 0xff, 0xfe, 0x00, 0x7b]); // "<html>", invalid UTF-8, NUL, "{"

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /** The body as the text it was made of, when the runtime has it (`jsonResponse`). */
  readonly text?: string;
}

/** The body, or `null` when it is over the limit (the rest is drained, not kept). */
export function readBody(req: IncomingMessage, gone: AbortSignal): Promise<Uint8Array<ArrayBuffer> | null> {
  // Neither length nor chunked coding: HTTP/1.1 says there is no body, so nothing to wait for.
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    return Promise.resolve(new Uint8Array(0));
  }
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        resolve(null);
      } else {
        chunks.push(chunk);
      }
    });
    const left = () => reject(new Error('the client closed the connection while sending the body'));
    req.once('end', () => {
      gone.removeEventListener('abort', left);
      resolve(new Uint8Array(Buffer.concat(chunks)));
    });
    req.once('error', reject);
    gone.addEventListener('abort', left, { once: true });
  });
}

export function toFetchRequest(
  req: IncomingMessage,
  url: URL,
  body: Uint8Array<ArrayBuffer> | null,
  signal: AbortSignal,
): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD' && body !== null;
  return new Request(`http://${req.headers.host ?? 'mock.invalid'}${url.pathname}${url.search}`, {
    method,
    headers,
    signal,
    ...(hasBody ? { body } : {}),
  });
}

/**
 * The parts of a fetch `Request` the mocks' handlers read (`method`, `url`, `headers.get`,
 * `signal`, `text()`, `json()`, `arrayBuffer()`, `clone()`), made without building fetch
 * objects: for handlers the runtime calls directly (`handler-table.ts`). Handlers msw itself
 * runs get a real `Request` (`toFetchRequest`).
 */
export function toLightRequest(
  req: IncomingMessage,
  url: URL,
  body: Uint8Array<ArrayBuffer> | null,
  signal: AbortSignal,
): Request {
  const method = (req.method ?? 'GET').toUpperCase();
  const bytes = method === 'GET' || method === 'HEAD' ? null : body;
  const text = async () => (bytes === null ? '' : UTF8.decode(bytes));
  const light = {
    method,
    url: `http://${req.headers.host ?? 'mock.invalid'}${url.pathname}${url.search}`,
    headers: {
      get(name: string): string | null {
        const value = req.headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
      has(name: string): boolean {
        return req.headers[name.toLowerCase()] !== undefined;
      },
    },
    signal,
    bodyUsed: false,
    text,
    json: async () => JSON.parse(await text()) as unknown,
    arrayBuffer: async () => (bytes === null ? new ArrayBuffer(0) : bytes.slice().buffer),
    clone: () => toLightRequest(req, url, body, signal),
  };
  return light as unknown as Request;
}

const UTF8 = new TextDecoder();

export async function toAnswer(response: Response | LightResponse): Promise<Answer> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'transfer-encoding') headers[name] = value;
  });
  const text = answerText(response);
  const body =
    text === undefined ? new Uint8Array(await (response as Response).arrayBuffer()) : Buffer.from(text);
  return { status: response.status, headers, body, ...(text === undefined ? {} : { text }) };
}

export function problemAnswer(body: Problem): Answer {
  return {
    status: body.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE },
    body: new TextEncoder().encode(JSON.stringify(body)),
  };
}

export function statusAnswer(
  action: Extract<FaultAction, { kind: 'status' }>,
  correlationId: string,
): Answer {
  const body = {
    ...problemForStatus(action.status, { detail: 'injected by a tekigo fault script', correlationId }),
    ...action.problem,
  };
  const answer = problemAnswer(body as Problem);
  return action.retryAfter === undefined
    ? answer
    : { ...answer, headers: { ...answer.headers, 'retry-after': String(action.retryAfter) } };
}

/** Sends the status line, the headers (announcing the full length) and `bytes` of the body, then drops the connection. */
export function sendTruncated(
  res: ServerResponse,
  full: Answer,
  bytes: number,
  correlationId: string,
): Promise<Uint8Array> {
  const part = full.body.subarray(0, bytes);
  res.writeHead(full.status, {
    ...full.headers,
    'x-correlation-id': full.headers['x-correlation-id'] ?? correlationId,
    'content-length': String(full.body.length),
  });
  return new Promise((resolve) => {
    res.write(part, () => {
      res.socket?.destroy();
      resolve(part);
    });
  });
}

/** The bytes as a latin1 string, which `res.end` writes back byte for byte in one write with the head. */
export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
