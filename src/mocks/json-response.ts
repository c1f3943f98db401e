const texts = new WeakMap<Response, string>();

/**
 * `HttpResponse.json` for the mocks' handlers, remembering the text it was made of so the mock
 * runtime can write it without reading the response's body stream back (`answerText`). A plain
 * fetch `Response` (msw takes one from any handler; `HttpResponse` adds only cookie handling,
 * which no mock uses), so msw's own `setupServer` serves it as it is.
 */
export function jsonResponse(
  body: unknown,
  init: { readonly status?: number; readonly headers?: Readonly<Record<string, string>> } = {},
): Response {
  const text = JSON.stringify(body) ?? '';
  const response = new Response(text, {
    ...(init.status === undefined ? {} : { status: init.status }),
    headers: {
      'content-type': 'application/json',
      ...init.headers,
      'content-length': String(Buffer.byteLength(text)),
    },
  });
  texts.set(response, text);
  return response;
}

/** The text a `jsonResponse` was made of, or `undefined` for any other response. */
export function answerText(response: Response): string | undefined {
  return texts.get(response);
}
