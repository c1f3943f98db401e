import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { handlerTable } from './handler-table.ts';
import { answerText, jsonResponse, LightResponse } from './json-response.ts';

const routes = [
  { method: 'GET', path: '/items/:id', interface: 'items' },
  { method: 'GET', path: '/items/special', interface: 'special' },
];
const get = (path: string) => new Request(`http://mock.invalid${path}`);

describe('handlerTable', () => {
  it('picks the first declared route and the first handler msw would pick, with its parameters', async () => {
    const table = handlerTable(
      [
        http.get('*/items/:id', ({ params }) => HttpResponse.text(`item ${params.id}`)),
        http.get('*/items/special', () => HttpResponse.text('special')),
      ],
      routes,
    );
    expect(table.route('GET', '/items/special')?.interface).toBe('items');
    expect(table.route('POST', '/items/7')).toBeUndefined();
    expect(await (await table.respond(get('/items/7?x=1'), () => get('/items/7')))?.text()).toBe('item 7');
    expect(await table.respond(get('/nothing'), () => get('/nothing'))).toBeUndefined();
  });

  it('lets the next matching handler answer when one answers nothing, with a fresh request', async () => {
    const seen: string[] = [];
    const table = handlerTable(
      [
        http.post('*/items/:id', async ({ request }) => {
          seen.push(await request.text());
          return undefined;
        }),
        http.post('*/items/:id', async ({ request }) =>
          HttpResponse.text(`second read ${await request.text()}`),
        ),
      ],
      routes,
    );
    const post = () => new Request('http://mock.invalid/items/1', { method: 'POST', body: 'hello' });
    expect(await (await table.respond(post(), post))?.text()).toBe('second read hello');
    expect(seen).toEqual(['hello']);
  });

  it('gives a resolver what msw gives it: request, parameters, cookies and one request id', async () => {
    const table = handlerTable(
      [
        http.get('*/items/:id', ({ request, params, cookies, requestId }) =>
          HttpResponse.json({ url: request.url, params, cookies, ids: [requestId, requestId] }),
        ),
      ],
      routes,
    );
    const answer = (await (await table.respond(get('/items/9'), () => get('/items/9')))?.json()) as {
      url: string;
      params: unknown;
      cookies: unknown;
      ids: [string, string];
    };
    expect(answer).toMatchObject({ url: 'http://mock.invalid/items/9', params: { id: '9' }, cookies: {} });
    expect(answer.ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.ids[1]).toBe(answer.ids[0]);
  });

  it('answers with a response a resolver throws, as msw does', async () => {
    const table = handlerTable(
      [
        http.get('*/items/:id', () => {
          throw HttpResponse.text('thrown', { status: 418 });
        }),
      ],
      routes,
    );
    expect((await table.respond(get('/items/1'), () => get('/items/1')))?.status).toBe(418);
  });

  it('leaves once-only handlers to msw', async () => {
    const table = handlerTable(
      [http.get('*/items/:id', () => HttpResponse.text('once'), { once: true })],
      routes,
    );
    expect(await (await table.respond(get('/items/1'), () => get('/items/1')))?.text()).toBe('once');
    expect(await table.respond(get('/items/1'), () => get('/items/1'))).toBeUndefined();
  });
});

describe('jsonResponse', () => {
  it('is an msw JSON response whose text the runtime can take without reading the body', async () => {
    const response = jsonResponse({ a: 'é' }, { status: 201, headers: { 'x-correlation-id': 'c' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('content-length')).toBe('10');
    expect(answerText(response)).toBe('{"a":"é"}');
    expect(await response.json()).toEqual({ a: 'é' });
  });

  it('is a light answer, before and after an await, when the runtime calls the handler directly', async () => {
    const table = handlerTable(
      [
        http.get('*/items/:id', async ({ params }) => {
          await new Promise((resolve) => setImmediate(resolve));
          return jsonResponse({ id: params.id }, { status: 202, headers: { 'X-Correlation-Id': 'c' } });
        }),
      ],
      routes,
    );
    const answer = await table.respond(get('/items/7'), () => get('/items/7'));
    expect(answer).toBeInstanceOf(LightResponse);
    expect(answer?.status).toBe(202);
    expect(answer?.headers.get('x-correlation-id')).toBe('c');
    expect(answer && answerText(answer)).toBe('{"id":"7"}');
    expect(await answer?.json()).toEqual({ id: '7' });
    // Outside the direct call, the same handler kit answers msw with fetch responses.
    expect(jsonResponse({})).toBeInstanceOf(Response);
  });
});
