import { randomUUID } from 'node:crypto';
import { TekigoEnvironmentError } from '../errors.ts';
import { captureBody, captureHeaders, isJsonContentType } from '../evidence/capture.ts';
import type { Ledger } from '../evidence/ledger.ts';
import type { ExchangeEntry } from '../evidence/ledger-entry.ts';
import {
  type ResponseTypeSpec,
  responseMessageType,
  specValidator,
  type Validate,
} from '../evidence/validate.ts';
import { createHttpClient, type TransportProfile } from '../transport/index.ts';

export interface SutClientOptions {
  readonly baseUrl: string;
  readonly ledger: Ledger;
  /** Defaults to the validator of `specs/`. */
  readonly validate?: Validate;
  /** Per-request default; every request has one. */
  readonly timeoutMs?: number;
  readonly from?: string;
  readonly to?: string;
  readonly profile?: TransportProfile;
}

export interface SutRequest {
  readonly method: string;
  /** Path and query, appended to the base URL. */
  readonly path: string;
  /**
   * A string or bytes are sent as they are (for malformed input); anything else is sent as
   * JSON. `content-type: application/json` is added unless `headers` name one.
   */
  readonly body?: unknown;
  /** An `x-correlation-id` here replaces the generated one. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly interface?: string;
  /** Message type the request body is recorded as validated against. */
  readonly requestType?: string;
  /** Message type of a 2xx answer, or one per status; problem+json answers are always `common/problem`. */
  readonly responseType?: ResponseTypeSpec;
  readonly timeoutMs?: number;
}

export interface SutResponse {
  /** `null` when no status line arrived (timeout or network error before the headers). */
  readonly status: number | null;
  readonly outcome: ExchangeEntry['outcome'];
  /** Every response header, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON for a JSON content type that parses, otherwise the text; `null` when empty. Never truncated. */
  readonly body: unknown;
  readonly correlationId: string;
  readonly entry: ExchangeEntry;
}

export type SutShortcutOptions = Omit<SutRequest, 'method' | 'path' | 'body'>;

export interface SutClient {
  readonly baseUrl: string;
  request(request: SutRequest): Promise<SutResponse>;
  get(path: string, options?: SutShortcutOptions): Promise<SutResponse>;
  post(path: string, body: unknown, options?: SutShortcutOptions): Promise<SutResponse>;
  put(path: string, body: unknown, options?: SutShortcutOptions): Promise<SutResponse>;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * The suite's side of the wire. Every call gets a correlation id and a timeout, and lands in
 * the ledger with its validation; HTTP error statuses, timeouts and broken connections are
 * results to judge, not exceptions. Only a target that refuses connections throws, because
 * then nothing can be judged at all.
 */
export function createSutClient(options: SutClientOptions): SutClient {
  const { ledger } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const http = createHttpClient(options.profile);
  const validatorReady = options.validate ? Promise.resolve(options.validate) : undefined;
  const validator = () => validatorReady ?? specValidator();

  async function request(req: SutRequest): Promise<SutResponse> {
    const validate = await validator();
    const url = `${baseUrl}${req.path.startsWith('/') ? '' : '/'}${req.path}`;
    const headers = lowerCaseKeys(req.headers ?? {});
    headers['x-correlation-id'] ??= randomUUID();
    const correlationId = headers['x-correlation-id'];
    const payload = encodeBody(req.body, headers);
    const timeoutMs = req.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

    const at = new Date().toISOString();
    const startMs = ledger.now();
    let status: number | null = null;
    let responseHeaders: Record<string, string> = {};
    let raw: Uint8Array | null = null;
    let outcome: ExchangeEntry['outcome'] = 'answered';
    let error: string | null = null;
    let refused = false;
    try {
      const response = await http.fetch(url, {
        method: req.method,
        headers,
        ...(payload !== undefined ? { body: payload } : {}),
        timeoutMs,
      });
      status = response.status;
      responseHeaders = Object.fromEntries(response.headers);
      raw = new Uint8Array(await response.arrayBuffer());
    } catch (caught) {
      const failure = classify(caught);
      outcome = failure.outcome;
      refused = failure.refused;
      error = failure.outcome === 'timeout' ? `no complete answer within ${timeoutMs} ms` : failure.message;
    }
    const endMs = ledger.now();

    const contentType = responseHeaders['content-type'];
    const requestBody = captureBody(headers['content-type'], payload);
    const responseBody = captureBody(contentType, raw);
    const responseType =
      status === null || outcome !== 'answered'
        ? null
        : responseMessageType(status, contentType, req.responseType);
    const entry = ledger.append({
      kind: 'exchange',
      at,
      startMs,
      endMs,
      durationMs: endMs - startMs,
      from: options.from ?? 'suite',
      to: options.to ?? 'sut',
      interface: req.interface ?? null,
      method: req.method.toUpperCase(),
      path: req.path,
      correlationId,
      requestHeaders: captureHeaders(
        payload === undefined ? headers : { ...headers, 'content-length': String(payload.byteLength) },
      ),
      requestBody,
      outcome,
      status,
      responseHeaders: captureHeaders(responseHeaders),
      responseBody,
      error,
      faults: [],
      validation: {
        request: req.requestType ? validate(req.requestType, requestBody) : null,
        response: responseType ? validate(responseType, responseBody) : null,
      },
    });
    if (refused) {
      throw new TekigoEnvironmentError(
        'TARGET_UNREACHABLE',
        `${req.method.toUpperCase()} ${url} failed: nothing accepts connections at ${baseUrl}; start the implementation under test there or point tekigo at the URL where it listens`,
        { url, seq: entry.seq },
      );
    }
    return {
      status,
      outcome,
      headers: responseHeaders,
      body: fullBody(contentType, raw),
      correlationId,
      entry,
    };
  }

  const shortcut =
    (method: string) =>
    (path: string, body: unknown, opts: SutShortcutOptions = {}) =>
      request({ ...opts, method, path, body });
  return {
    baseUrl,
    request,
    get: (path, opts = {}) => request({ ...opts, method: 'GET', path }),
    post: shortcut('POST'),
    put: shortcut('PUT'),
    close: () => http.close(),
  };
}

function encodeBody(body: unknown, headers: Record<string, string>): Uint8Array | undefined {
  if (body === undefined) return undefined;
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  headers['content-type'] ??= 'application/json';
  return new TextEncoder().encode(JSON.stringify(body));
}

function fullBody(contentType: string | undefined, raw: Uint8Array | null): unknown {
  if (raw === null || raw.length === 0) return null;
  const text = new TextDecoder().decode(raw);
  if (isJsonContentType(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      // A body that claims JSON but is not: the caller judges the text.
    }
  }
  return text;
}

const lowerCaseKeys = (headers: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

interface Failure {
  readonly outcome: 'timeout' | 'network-error';
  readonly refused: boolean;
  readonly message: string;
}

function classify(caught: unknown): Failure {
  if (caught instanceof Error && (caught.name === 'TimeoutError' || caught.name === 'AbortError')) {
    return { outcome: 'timeout', refused: false, message: caught.message };
  }
  const codes = errorCodes(caught);
  const message = caught instanceof Error ? describe(caught) : String(caught);
  return { outcome: 'network-error', refused: codes.includes('ECONNREFUSED'), message };
}

function errorCodes(caught: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = caught, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    const nested = (e as { errors?: unknown }).errors;
    if (Array.isArray(nested)) codes.push(...nested.flatMap(errorCodes));
  }
  return codes;
}

function describe(error: Error): string {
  const cause = error.cause instanceof Error ? `: ${describe(error.cause)}` : '';
  const code = (error as { code?: unknown }).code;
  return `${error.message}${typeof code === 'string' && !error.message.includes(code) ? ` (${code})` : ''}${cause}`;
}
