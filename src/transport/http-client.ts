import { Agent, buildConnector, type Dispatcher, request } from 'undici';
import { lateSendingConnector } from './late-sending.ts';
import { verifyingConnector } from './server-identity.ts';
import { plainProfile, type TransportProfile } from './transport-profile.ts';

export interface ClientRequestInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
  /** Every outbound call has a timeout: there is no way to make one without it. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface HttpClient {
  /**
   * One request, answered as a WHATWG `Response`. Unlike the global `fetch`, it reaches any port
   * (no "bad port" list: an implementation may well listen on 6000 or 10080), never follows
   * redirects and never decodes a content encoding: what the target sent is what is recorded.
   * The timeout covers the whole exchange, body included.
   */
  fetch(url: string, init: ClientRequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** Statuses a `Response` must be built without a body for. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The one place outbound HTTP is created; the profile decides the dispatcher (plain, or mutual TLS with the party's certificate). */
export function createHttpClient(profile: TransportProfile = plainProfile): HttpClient {
  const tls =
    profile.kind === 'mtls'
      ? {
          ...(profile.cert !== undefined && profile.key !== undefined
            ? { cert: profile.cert, key: profile.key }
            : {}),
          ca: profile.ca,
          rejectUnauthorized: profile.verifiesServer ?? true,
        }
      : {};
  const connect = { timeout: 10_000, ...tls };
  const serverRoles =
    profile.kind === 'mtls' && profile.verifiesServer !== false ? profile.serverRoles : undefined;
  // A role calling its peers also checks whom each server's certificate names (GEN-SEC-005).
  const connector = serverRoles ? verifyingConnector(connect, serverRoles) : undefined;
  const sendDelayMs = profile.kind === 'mtls' ? (profile.sendDelayMs ?? 0) : 0;
  const dispatcher: Dispatcher = new Agent({
    connections: 64,
    keepAliveTimeout: 4_000,
    connect:
      sendDelayMs > 0
        ? lateSendingConnector(connector ?? buildConnector(connect), sendDelayMs)
        : (connector ?? connect),
  });
  return {
    async fetch(url, init) {
      // A client that waits before sending (a replica) counts its timeout from when it sends.
      const timeout = AbortSignal.timeout(init.timeoutMs + sendDelayMs);
      const signal = init.signal ? AbortSignal.any([timeout, init.signal]) : timeout;
      let answer: Dispatcher.ResponseData;
      try {
        answer = await request(url, {
          method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
          ...(init.headers ? { headers: init.headers } : {}),
          ...(init.body !== undefined ? { body: init.body } : {}),
          signal,
          dispatcher,
        });
      } catch (error) {
        throw asFetchError(error);
      }
      return toResponse(answer);
    },
    close: () => dispatcher.close(),
  };
}

function toResponse(answer: Dispatcher.ResponseData): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, one);
      } catch {
        // A header value `Headers` refuses (a control character) is left out rather than lose the answer.
      }
    }
  }
  const status = answer.statusCode;
  const nullBody = NULL_BODY_STATUSES.has(status);
  if (nullBody) answer.body.resume();
  // `Response` only takes 200..599; an out-of-range status line is still what the target said.
  const inRange = status >= 200 && status <= 599;
  const response = new Response(
    nullBody ? null : (rethrowAsFetchErrors(answer.body) as unknown as BodyInit),
    {
      status: inRange ? status : 599,
      headers,
    },
  );
  if (!inRange) Object.defineProperty(response, 'status', { value: status });
  return response;
}

/**
 * Errors take the shape `fetch` gives them, which callers already classify: an abort or timeout
 * as the signal's reason (`TimeoutError`, `AbortError`), anything else as `TypeError` with the
 * network error (and its `code`, e.g. ECONNRESET) as `cause`.
 */
function asFetchError(error: unknown): unknown {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return error;
  const cause = (error as { cause?: unknown }).cause;
  // undici reports a socket closed by the peer as UND_ERR_SOCKET with the system error as cause.
  const root =
    (error as { code?: unknown }).code === 'UND_ERR_SOCKET' && cause instanceof Error ? cause : error;
  return new TypeError(`fetch failed: ${(error as Error).message ?? String(error)}`, { cause: root });
}

async function* rethrowAsFetchErrors(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    throw asFetchError(error);
  }
}
