import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCorrelationId } from '../../spec/correlation-id.ts';
import { type Problem, problem } from '../../spec/problem-types.ts';
import type { RequestListener } from '../../transport/index.ts';
import type { Log } from './json-log.ts';

/**
 * The HTTP skeleton every reference role serves through: routing, correlation ids, bounded JSON
 * bodies, problem+json errors. Handlers get a parsed body and return a reply; nothing a client
 * sends can crash the process, and every response echoes X-Correlation-Id.
 */
export interface RequestContext {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body for routes declared with `body: 'json'`, otherwise undefined. */
  readonly body: unknown;
  readonly correlationId: string;
  /**
   * Production profile: the municipality code the caller's client certificate names, when the
   * caller is a municipality (for what only the owning municipality may read, e.g. NC-CARD-008).
   */
  readonly callerMunicipality?: string;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /**
   * Literal segments and `:name` parameters, e.g. `/dead-letters/:id/redrive`; a last segment
   * `*` matches one or more segments.
   */
  readonly path: string;
  readonly body?: 'json';
  handle(context: RequestContext): Reply | Promise<Reply>;
}

export interface HttpAppOptions {
  readonly routes: readonly Route[];
  readonly log: Log;
  readonly maxBodyBytes?: number;
  /** A client that stops sending its body is answered 408 after this long. */
  readonly bodyTimeoutMs?: number;
  /** Replica switch: answer with a fresh correlation id instead of the one offered. */
  readonly ignoreOfferedCorrelationId?: boolean;
  /** Replica switch: take any offered correlation id as given, however empty, long or odd (GEN-OBS-002). */
  readonly takeAnyOfferedCorrelationId?: boolean;
  /** Replica switch: log every request's headers, credentials included. */
  readonly logRequestHeaders?: boolean;
  /**
   * Replica switch: read every body to its end however large or slow, whatever its media type,
   * dropping the bytes that are not UTF-8.
   */
  readonly unguardedBodies?: boolean;
  /**
   * Replica switch: a JSON body nested deeper than 1000 levels is walked recursively and
   * exhausts the handler (`crash`: answered 500) or never returns (`hang`: no answer).
   */
  readonly deepBodies?: 'crash' | 'hang';
  /**
   * Replica switch: how a handler's failure is answered instead of 500 `internal` with nothing of
   * the error in it — `stack`: the error's stack (message, file paths) as `detail`; `unavailable`:
   * 503 `unavailable`, as if the failure were a passing overload.
   */
  readonly internalErrors?: 'stack' | 'unavailable';
  /**
   * The production profile's authorisation (`src/security/peer-guard.ts`): asked once the route
   * is matched and its body read; a problem it returns is the answer and the handler never runs.
   */
  readonly authorise?: (request: {
    readonly req: IncomingMessage;
    readonly method: string;
    readonly route: string;
    readonly body: unknown;
  }) => Problem | undefined;
  /** Production profile (`src/security/production-serving.ts`): the municipality a request's certificate names. */
  readonly callerMunicipality?: (req: IncomingMessage) => string | undefined;
  /**
   * Replica switch (`src/security/open-services.ts`): asked before a request no route serves is
   * refused 404 or 405; a reply it returns is the answer.
   */
  readonly undeclared?: (req: IncomingMessage, path: string) => Reply | undefined;
  /** Replica switch (`src/security/open-services.ts`): every reply passes through it before it is sent. */
  readonly alterReply?: (reply: Reply) => Reply;
}

/** Whether a parsed JSON value nests deeper than `limit` levels (walked without recursion). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [here, depth] = stack.pop() as [unknown, number];
    if (depth > limit) return true;
    if (here !== null && typeof here === 'object')
      for (const member of Object.values(here)) stack.push([member, depth + 1]);
  }
  return false;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** How long the rest of a refused body is read and dropped before its connection is cut. */
const LINGER_MS = 1_000;

/** A reply whose body is a problem; the app adds `correlationId` and `instance`. */
export function problemReply(value: Problem, headers?: Readonly<Record<string, string>>): Reply {
  return { status: value.status, body: value, headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers } };
}

export function jsonReply(status: number, body: unknown): Reply {
  return { status, body };
}

export const noContent: Reply = { status: 204 };

export function createHttpApp(options: HttpAppOptions): RequestListener {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000;
  const compiled = options.routes.map((route) => ({ route, segments: route.path.split('/').slice(1) }));

  return (req, res) => {
    const started = performance.now();
    const offered = req.headers['x-correlation-id'];
    const correlationId =
      options.takeAnyOfferedCorrelationId && typeof offered === 'string'
        ? offered
        : isCorrelationId(offered) && !options.ignoreOfferedCorrelationId
          ? offered
          : randomUUID();
    let routeName = '(unmatched)';
    const finish = (given: Reply, path: string, endAfter?: Promise<void>): void => {
      const reply = options.alterReply ? options.alterReply(given) : given;
      send(res, reply, correlationId, path, endAfter);
      options.log({
        event: 'request',
        correlationId,
        method: req.method ?? '',
        route: routeName,
        status: reply.status,
        durationMs: Math.round(performance.now() - started),
        ...(options.logRequestHeaders ? { headers: req.headers } : {}),
      });
    };

    (async () => {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://reference.invalid');
      } catch {
        return finish(problemReply(problem('validation', { title: 'Malformed request target' })), '/');
      }
      const path = url.pathname;
      const matches = compiled.flatMap(({ route, segments }) => {
        const params = matchPath(segments, path);
        return params ? [{ route, params }] : [];
      });
      const match = matches.find(({ route }) => route.method === req.method);
      if (!match) {
        req.resume();
        const open = options.undeclared?.(req, path);
        if (open) return finish(open, path);
        if (matches.length === 0)
          return finish(
            problemReply(
              problem('not-found', { title: 'No such resource', detail: `nothing is served at ${path}` }),
            ),
            path,
          );
        const allow = [...new Set(matches.map(({ route }) => route.method))].join(', ');
        return finish(
          problemReply(
            problem('not-found', {
              status: 405,
              title: 'Method not allowed',
              detail: `${req.method} is not served here; use ${allow}`,
            }),
            { allow },
          ),
          path,
        );
      }
      routeName = match.route.path;
      if (!match.params.ok)
        return finish(
          problemReply(
            problem('validation', { detail: 'a path parameter is not valid percent-encoding', errors: [] }),
          ),
          path,
        );
      let body: unknown;
      if (match.route.body === 'json') {
        const read = options.unguardedBodies
          ? await readUnguardedBody(req)
          : await readJsonBody(req, maxBodyBytes, bodyTimeoutMs);
        if ('problem' in read)
          return finish(problemReply(read.problem, { connection: 'close' }), path, lingering(req));
        body = read.value;
        if (options.deepBodies && nestsDeeperThan(body, 1000)) {
          if (options.deepBodies === 'hang') return;
          throw new RangeError('Maximum call stack size exceeded');
        }
      } else {
        req.resume();
      }
      const refusal = options.authorise?.({ req, method: req.method ?? '', route: match.route.path, body });
      if (refusal) return finish(problemReply(refusal), path);
      let reply: Reply;
      try {
        reply = await match.route.handle({
          method: req.method ?? '',
          path,
          params: match.params.values,
          query: url.searchParams,
          body,
          correlationId,
          ...callerOf(options, req),
        });
      } catch (error) {
        options.log({ event: 'handler-error', correlationId, route: routeName, error: describeError(error) });
        reply = internalFailureReply(error, options.internalErrors);
      }
      finish(reply, path);
    })().catch((error: unknown) => {
      options.log({ event: 'handler-error', correlationId, route: routeName, error: describeError(error) });
      if (!res.headersSent) finish(problemReply(problem('internal', { title: 'Internal error' })), '/');
    });
  };
}

/** How a handler's failure is answered: 500 `internal`, the error kept for the log (GEN-ERR-003). */
function internalFailureReply(error: unknown, defect?: HttpAppOptions['internalErrors']): Reply {
  if (defect === 'unavailable')
    return problemReply(problem('unavailable', { detail: 'the service is busy; try again later' }), {
      'retry-after': '1',
    });
  return problemReply(
    problem('internal', {
      title: 'Internal error',
      detail:
        defect === 'stack'
          ? String((error as Error | undefined)?.stack ?? error)
          : 'the request could not be processed; see the server log under this correlation id',
    }),
  );
}

type PathMatch = { ok: true; values: Record<string, string> } | { ok: false; values: Record<string, string> };

function matchPath(segments: readonly string[], path: string): PathMatch | undefined {
  const parts = path.split('/').slice(1);
  const rest = segments.at(-1) === '*';
  if (rest ? parts.length < segments.length : parts.length !== segments.length) return undefined;
  const values: Record<string, string> = {};
  let ok = true;
  for (const [i, segment] of segments.entries()) {
    const part = parts[i] ?? '';
    if (segment === '*' && i === segments.length - 1) break;
    if (segment.startsWith(':')) {
      if (part === '') return undefined;
      try {
        values[segment.slice(1)] = decodeURIComponent(part);
      } catch {
        ok = false;
      }
    } else if (segment !== part) {
      return undefined;
    }
  }
  return { ok, values };
}

function isJsonMediaType(header: string | undefined): boolean {
  const mediaType = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

async function readJsonBody(
  req: IncomingMessage,
  maxBytes: number,
  timeoutMs: number,
): Promise<{ value: unknown } | { problem: Problem }> {
  if (!isJsonMediaType(req.headers['content-type'])) {
    req.resume();
    return {
      problem: problem('unsupported-media-type', {
        title: 'Unsupported media type',
        detail: 'send the body as application/json',
      }),
    };
  }
  const tooLarge = problem('payload-too-large', {
    title: 'Payload too large',
    detail: `bodies are limited to ${maxBytes} bytes`,
  });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return { problem: tooLarge };

  const bytes = await new Promise<Buffer | Problem>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // On a starved host the timer can fire in the same turn that finally reads bytes that came in
    // long ago: the deadline is decided only after that turn's input is read (setImmediate runs
    // after the poll phase), so a body that had arrived is never answered 408.
    let late: NodeJS.Immediate | undefined;
    const timer = setTimeout(() => {
      late = setImmediate(() =>
        done(
          problem('timeout', {
            status: 408,
            title: 'Request body timeout',
            detail: `the body did not arrive within ${timeoutMs} ms`,
          }),
        ),
      );
    }, timeoutMs);
    const done = (result: Buffer | Problem): void => {
      clearTimeout(timer);
      if (late) clearImmediate(late);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        done(tooLarge);
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = (): void => done(Buffer.concat(chunks));
    const onError = (): void => done(problem('validation', { title: 'Request body aborted' }));
    const onClose = (): void => done(problem('validation', { title: 'Request body aborted' }));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
  if (!Buffer.isBuffer(bytes)) return { problem: bytes };

  const unreadable = (detail: string): { problem: Problem } => ({
    problem: problem('validation', { detail: detail, errors: [{ pointer: '', detail }] }),
  });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return unreadable('the body is not valid UTF-8');
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    return unreadable('the body is not valid JSON');
  }
}

/**
 * A body refused part-way leaves bytes in flight. Closing at once would make the kernel answer
 * them with a reset, which can destroy the refusal before the client reads it; so the rest is
 * read and dropped, and the answer (which closes the connection) ends when the body does, or
 * after LINGER_MS.
 */
function lingering(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, LINGER_MS);
    function done(): void {
      clearTimeout(timer);
      resolve();
    }
    req.once('end', done).once('close', done).resume();
  });
}

function callerOf(options: HttpAppOptions, req: IncomingMessage): { callerMunicipality?: string } {
  const code = options.callerMunicipality?.(req);
  return code === undefined ? {} : { callerMunicipality: code };
}

/** The defect of replica `unguardedBodies`: no limit, no deadline, no media type, lenient decoding. */
async function readUnguardedBody(req: IncomingMessage): Promise<{ value: unknown } | { problem: Problem }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = new TextDecoder().decode(Buffer.concat(chunks)).replaceAll('\uFFFD', '');
  try {
    return { value: JSON.parse(text) };
  } catch {
    return {
      problem: problem('validation', {
        detail: 'the body is not valid JSON',
        errors: [{ pointer: '', detail: 'not JSON' }],
      }),
    };
  }
}

/** Writes the answer; with `endAfter`, the answer is complete at once but ends (and closes) later. */
function send(
  res: ServerResponse,
  reply: Reply,
  correlationId: string,
  path: string,
  endAfter?: Promise<void>,
): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = {
    'x-correlation-id': correlationId,
    'cache-control': 'no-store',
    ...reply.headers,
  };
  let payload: string | undefined;
  if (reply.body !== undefined) {
    const isProblem = headers['content-type'] === PROBLEM_CONTENT_TYPE;
    const body = isProblem
      ? { ...(reply.body as Problem), instance: asUriReference(path), correlationId }
      : reply.body;
    headers['content-type'] ??= 'application/json';
    payload = JSON.stringify(body);
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  res.writeHead(reply.status, headers);
  if (!endAfter) {
    res.end(payload);
    return;
  }
  if (payload !== undefined) res.write(payload);
  void endAfter.then(() => res.end());
}

/**
 * The URL parser leaves a few characters in a path that RFC 3986 forbids (`|`, `^`, a stray
 * `%`); escaping them keeps `instance` a valid uri-reference whatever path a client sent.
 */
function asUriReference(path: string): string {
  return path.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, (c) => encodeURIComponent(c));
}

/** Error text for logs: the class and message of our own failures, never request data. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
