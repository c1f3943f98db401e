import { getResponse, HttpHandler, matchRequestUrl, type RequestHandler } from 'msw';
import { answeringDirectly, LightResponse } from './json-response.ts';
import type { MockRoute } from './mock-definition.ts';

/**
 * The mock's msw handlers, resolved without msw's per-request machinery. `getResponse` clones
 * every request, parses cookies and the URL once per handler it tries, and aborts a controller
 * per call (an exception object each time): at thousands of exchanges a second that is most of
 * the mock's cost. This table finds the first handler that msw itself would pick (same order,
 * msw's own `matchRequestUrl`, remembered per method and URL) and calls its resolver directly.
 * The handlers stay the single definition: anything the table cannot serve the same way (a
 * custom predicate, a method pattern, a `once` handler, a generator resolver) goes through
 * `getResponse` unchanged.
 */
export interface HandlerTable {
  /** Whether every handler is called directly (then the request need not be a fetch `Request`). */
  readonly direct: boolean;
  /** The declared route a request falls under, if any (the first in declaration order). */
  route(method: string, pathname: string): MockRoute | undefined;
  /**
   * The response of the first matching handler that answers, or `undefined` when none does.
   * `fresh` makes a new request for the next handler (the first one may have read the body).
   * Handlers called directly answer `jsonResponse`s as `LightResponse`s.
   */
  respond(request: Request, fresh: () => Request): Promise<Response | LightResponse | undefined>;
}

interface Resolved {
  readonly handler: DirectHandler;
  readonly params: Record<string, string | readonly string[] | undefined>;
}

type Resolver = (info: {
  request: Request;
  params: Resolved['params'];
  cookies: Record<string, string>;
  requestId: string;
}) => unknown;

interface DirectHandler {
  readonly method: string;
  readonly path: string;
  readonly resolver: Resolver;
}

/** Distinct request URLs remembered; the memory is dropped and rebuilt when it grows past this. */
const REMEMBERED = 4_096;
const ORIGIN = 'http://mock.invalid';

export function handlerTable(
  handlers: readonly RequestHandler[],
  routes: readonly MockRoute[],
): HandlerTable {
  const direct = handlers.map(directHandler);
  const allDirect = direct.every((h) => h !== null);
  const routeMemo = new Map<string, MockRoute | null>();
  const handlerMemo = new Map<string, readonly Resolved[]>();
  const remember = <V>(memo: Map<string, V>, key: string, value: V): V => {
    if (memo.size >= REMEMBERED) memo.clear();
    memo.set(key, value);
    return value;
  };

  const route = (method: string, pathname: string): MockRoute | undefined => {
    const key = `${method} ${pathname}`;
    let found = routeMemo.get(key);
    if (found === undefined) {
      const url = new URL(pathname, ORIGIN);
      found = remember(
        routeMemo,
        key,
        routes.find((r) => r.method === method && matchRequestUrl(url, `*${r.path}`).matches) ?? null,
      );
    }
    return found ?? undefined;
  };

  // The handlers matching a method and URL, in msw's order, with their path parameters.
  const resolve = (method: string, url: string): readonly Resolved[] => {
    const key = `${method} ${url}`;
    const known = handlerMemo.get(key);
    if (known !== undefined) return known;
    const parsed = new URL(url);
    const found: Resolved[] = [];
    for (const handler of direct) {
      if (handler === null || handler.method !== method) continue;
      const match = matchRequestUrl(parsed, handler.path);
      if (match.matches) found.push({ handler, params: match.params ?? {} });
    }
    return remember(handlerMemo, key, found);
  };

  return {
    direct: allDirect,
    route,
    async respond(request, fresh) {
      if (!allDirect) return getResponse([...handlers], request);
      const candidates = resolve(request.method, request.url.split(/[?#]/, 1)[0] as string);
      let current = request;
      for (const [i, { handler, params }] of candidates.entries()) {
        if (i > 0) current = fresh();
        let answer: unknown;
        try {
          // A copy of the parameters: the remembered ones serve every later request to this URL.
          const info = new ResolverInfo(current, { ...params });
          answer = await answeringDirectly(() => handler.resolver(info));
        } catch (thrown) {
          // msw answers with a Response a resolver throws.
          if (thrown instanceof Response || thrown instanceof LightResponse) return thrown;
          throw thrown;
        }
        // A resolver that answers nothing lets the next matching handler try, as in msw.
        if (answer instanceof Response || answer instanceof LightResponse) return answer;
      }
      return undefined;
    },
  };
}

/**
 * What msw gives a resolver. A class, not an object literal with a `requestId` getter: V8 defines
 * a literal's getter anew each time the literal is evaluated, with a hidden class for that object
 * alone, made in the old generation; until the next full collection it kept the whole exchange
 * (request, socket, handler state) alive through every young-generation collection. Under load
 * that was most of the mock's collection pauses (`node --trace-gc-nvp`: `new_space_survived` fell
 * from about 3 MB to 0.1 MB per scavenge when this became a class).
 */
class ResolverInfo {
  readonly cookies: Record<string, string> = {};
  #requestId: string | undefined;
  constructor(
    readonly request: Request,
    readonly params: Resolved['params'],
  ) {}
  /** msw's request id, made only for a resolver that reads it (none of tekigo's do). */
  get requestId(): string {
    this.#requestId ??= crypto.randomUUID();
    return this.#requestId;
  }
}

/** The handler's method, path and resolver, when calling the resolver directly is what msw would do. */
function directHandler(handler: RequestHandler): DirectHandler | null {
  if (!(handler instanceof HttpHandler)) return null;
  const { method, path } = handler.info;
  const internals = handler as unknown as { resolver: unknown; options?: { once?: boolean } };
  const resolver = internals.resolver;
  if (typeof method !== 'string' || typeof path !== 'string') return null;
  if (internals.options?.once) return null;
  if (typeof resolver !== 'function') return null;
  // Generator resolvers answer in turns, which msw keeps track of.
  const kind = resolver.constructor?.name;
  if (kind === 'GeneratorFunction' || kind === 'AsyncGeneratorFunction') return null;
  return { method: method.toUpperCase(), path, resolver: resolver as Resolver };
}
