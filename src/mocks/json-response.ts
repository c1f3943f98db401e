import { AsyncLocalStorage } from 'node:async_hooks';

const texts = new WeakMap<Response, string>();
/** Set while the runtime calls a handler's resolver itself (`answeringDirectly`). */
const direct = new AsyncLocalStorage<true>();

/**
 * The answer `jsonResponse` gives a handler the runtime calls directly: status, headers and the
 * JSON text, without the fetch `Response` (its headers, body stream and checks are most of an
 * exchange's cost). It has the parts of a `Response` the runtime and tests read.
 */
export class LightResponse {
  readonly headers: {
    get(name: string): string | null;
    forEach(each: (value: string, name: string) => void): void;
  };
  constructor(
    readonly status: number,
    headers: Readonly<Record<string, string>>,
    readonly bodyText: string,
  ) {
    this.headers = {
      get: (name) => headers[name.toLowerCase()] ?? null,
      forEach: (each) => {
        for (const [name, value] of Object.entries(headers)) each(value, name);
      },
    };
  }
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  async text(): Promise<string> {
    return this.bodyText;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.bodyText);
  }
}

/**
 * Runs `resolve` (a handler's resolver) so that every `jsonResponse` it makes, before or after
 * an await, is a `LightResponse`. Only for resolvers whose answer goes to the mock runtime, never
 * back to msw, which takes fetch responses only.
 */
export function answeringDirectly<T>(resolve: () => T): T {
  return direct.run(true, resolve);
}

/**
 * `HttpResponse.json` for the mocks' handlers. Called by msw (its `setupServer`, or the runtime's
 * fallback to `getResponse`), it is a plain fetch `Response` (`HttpResponse` adds only cookie
 * handling, which no mock uses) that remembers the text it was made of, so the runtime can write
 * it without reading the body stream back (`answerText`). Called through `answeringDirectly`, it
 * is a `LightResponse`, typed as the `Response` it stands for.
 */
export function jsonResponse(
  body: unknown,
  init: { readonly status?: number; readonly headers?: Readonly<Record<string, string>> } = {},
): Response {
  const text = JSON.stringify(body) ?? '';
  const headers = {
    'content-type': 'application/json',
    ...lowerCased(init.headers),
    'content-length': String(Buffer.byteLength(text)),
  };
  if (direct.getStore()) return new LightResponse(init.status ?? 200, headers, text) as unknown as Response;
  const response = new Response(text, {
    ...(init.status === undefined ? {} : { status: init.status }),
    headers,
  });
  texts.set(response, text);
  return response;
}

/** The text a `jsonResponse` was made of, or `undefined` for any other response. */
export function answerText(response: Response | LightResponse): string | undefined {
  return response instanceof LightResponse ? response.bodyText : texts.get(response);
}

function lowerCased(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const lowered: Record<string, string> = {};
  if (headers) for (const [name, value] of Object.entries(headers)) lowered[name.toLowerCase()] = value;
  return lowered;
}
