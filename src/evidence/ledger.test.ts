import { describe, expect, it } from 'vitest';
import { TekigoUsageError } from '../errors.ts';
import { captureBody, captureHeaders, TEXT_BODY_LIMIT } from './capture.ts';
import { Ledger } from './ledger.ts';
import type { ExchangeEntry, NewEntry } from './ledger-entry.ts';
import { responseMessageType } from './validate.ts';

const exchange = (overrides: Partial<NewEntry<ExchangeEntry>> = {}): NewEntry<ExchangeEntry> => ({
  kind: 'exchange',
  endMs: 1,
  durationMs: 1,
  from: 'suite',
  to: 'sut',
  interface: 'health',
  method: 'GET',
  path: '/health',
  correlationId: 'c-1',
  requestHeaders: {},
  requestBody: null,
  outcome: 'answered',
  status: 200,
  responseHeaders: {},
  responseBody: null,
  error: null,
  faults: [],
  validation: { request: null, response: null },
  ...overrides,
});

describe('Ledger', () => {
  it('numbers entries from 1 and stamps wall and monotonic times', () => {
    const ledger = new Ledger();
    const a = ledger.append(exchange());
    const b = ledger.append({ kind: 'observation', source: 'suite', what: 'note', data: { n: 1 } });
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(Number.isNaN(Date.parse(a.at))).toBe(false);
    expect(b.startMs).toBeGreaterThanOrEqual(a.startMs);
    expect(a.startMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(ledger.createdAt)).toBeLessThanOrEqual(Date.parse(a.at));
  });

  it('keeps times the caller measured', () => {
    const ledger = new Ledger();
    const e = ledger.append(exchange({ at: '2026-04-01T00:00:00.000Z', startMs: 5 }));
    expect(e).toMatchObject({ at: '2026-04-01T00:00:00.000Z', startMs: 5 });
  });

  it('freezes entries', () => {
    const e = new Ledger().append(exchange());
    expect(Object.isFrozen(e)).toBe(true);
  });

  it('filters by kind, by cursor and by exchange parties', () => {
    const ledger = new Ledger();
    ledger.append(exchange({ from: 'suite', to: 'sut', interface: 'health' }));
    ledger.append({
      kind: 'fault',
      ruleId: 'r1',
      interface: null,
      action: 'delay',
      exchangeSeq: 1,
      detail: {},
    });
    ledger.append(exchange({ from: 'sut', to: 'national-center', interface: 'certificate-issuances' }));
    expect(ledger.entries({ kind: 'fault' }).map((e) => e.ruleId)).toEqual(['r1']);
    expect(ledger.since(1).map((e) => e.seq)).toEqual([2, 3]);
    expect(ledger.entries({ kind: 'exchange', since: 1 }).map((e) => e.seq)).toEqual([3]);
    expect(ledger.exchanges({ to: 'national-center' }).map((e) => e.seq)).toEqual([3]);
    expect(ledger.exchanges({ from: 'suite', interface: 'health' }).map((e) => e.seq)).toEqual([1]);
    expect(ledger.exchanges({ interface: 'none' })).toEqual([]);
  });

  it('keeps counting after clear so cursors stay valid', () => {
    const ledger = new Ledger();
    ledger.append(exchange());
    ledger.clear();
    expect(ledger.entries()).toEqual([]);
    expect(ledger.append(exchange()).seq).toBe(2);
    expect(ledger.lastSeq).toBe(2);
  });

  it('notifies subscribers until they unsubscribe', () => {
    const ledger = new Ledger();
    const seen: number[] = [];
    const unsubscribe = ledger.subscribe((e) => seen.push(e.seq));
    ledger.append(exchange());
    unsubscribe();
    ledger.append(exchange());
    expect(seen).toEqual([1]);
  });

  it('round-trips through JSON and continues sequence and clock', () => {
    const ledger = new Ledger();
    ledger.append(exchange({ startMs: 10, endMs: 500 }));
    const restored = Ledger.fromJSON(JSON.parse(JSON.stringify(ledger)));
    expect(restored.createdAt).toBe(ledger.createdAt);
    expect(restored.entries()).toEqual(ledger.entries());
    const next = restored.append(exchange());
    expect(next.seq).toBe(2);
    expect(next.startMs).toBeGreaterThanOrEqual(500);
  });

  it('compact: keeps text until read, then reads the same entries, in order, frozen', () => {
    const plain = new Ledger();
    const compact = new Ledger({ compact: true });
    const body = { records: [{ name: '𠮷野 太郎', n: 1.5 }], nested: { list: [null, true] } };
    for (const ledger of [plain, compact]) {
      ledger.append(exchange({ startMs: 1, at: '2026-04-01T00:00:00.000Z', responseBody: body }));
      ledger.append({ kind: 'observation', source: 'sut', what: 'note', data: null, startMs: 2, at: 'x' });
    }
    const seen: number[] = [];
    compact.subscribe((e) => seen.push(e.seq));
    compact.append(exchange({ startMs: 3, at: 'y' }));
    plain.append(exchange({ startMs: 3, at: 'y' }));
    expect(seen).toEqual([3]);
    expect(compact.entries()).toEqual(plain.entries());
    expect(compact.entries().every((e) => Object.isFrozen(e))).toBe(true);
    // Entries appended after a read join the ones already decoded.
    compact.append(exchange({ startMs: 4, at: 'z' }));
    expect(compact.since(2).map((e) => e.seq)).toEqual([3, 4]);
    expect(compact.exchanges().map((e) => e.seq)).toEqual([1, 3, 4]);
    expect(JSON.parse(JSON.stringify(compact)).entries).toHaveLength(4);
    compact.clear();
    compact.append(exchange());
    expect(compact.entries().map((e) => e.seq)).toEqual([5]);
  });

  it('refuses something that is not a serialised ledger', () => {
    expect(() => Ledger.fromJSON({} as never)).toThrow(TekigoUsageError);
  });
});

describe('capture', () => {
  it('keeps only the headers checks use', () => {
    const headers = new Headers({
      'content-type': 'application/json',
      'x-correlation-id': 'c',
      server: 'x',
      'retry-after': '2',
    });
    expect(captureHeaders(headers)).toEqual({
      'content-type': 'application/json',
      'x-correlation-id': 'c',
      'retry-after': '2',
    });
    expect(captureHeaders({ 'content-length': 3, location: ['/a', '/b'] })).toEqual({
      'content-length': '3',
      location: '/a, /b',
    });
  });

  it('parses JSON bodies, including problem+json, and keeps broken JSON as text', () => {
    expect(captureBody('application/json; charset=utf-8', '{"a":1}')).toEqual({ a: 1 });
    expect(captureBody('application/problem+json', new TextEncoder().encode('{"status":400}'))).toEqual({
      status: 400,
    });
    expect(captureBody('application/json', '{oops')).toBe('{oops');
    expect(captureBody('text/plain', '{"a":1}')).toBe('{"a":1}');
    expect(captureBody('application/json', '')).toBeNull();
    expect(captureBody(undefined, null)).toBeNull();
  });

  it('cuts long text at 64 KiB with a marker', () => {
    const text = 'x'.repeat(TEXT_BODY_LIMIT + 10);
    const captured = captureBody('text/plain', text) as string;
    expect(captured.startsWith('x'.repeat(TEXT_BODY_LIMIT))).toBe(true);
    expect(captured.endsWith(`…[truncated: ${TEXT_BODY_LIMIT + 10} bytes in total]`)).toBe(true);
  });
});

describe('responseMessageType', () => {
  it('validates every problem+json body as common/problem', () => {
    expect(responseMessageType(400, 'application/problem+json', 'x/y')).toBe('common/problem');
    expect(responseMessageType(200, 'application/problem+json; charset=utf-8', undefined)).toBe(
      'common/problem',
    );
  });

  it('applies a plain type to 2xx only and lets a function decide per status', () => {
    expect(responseMessageType(200, 'application/json', 'x/y')).toBe('x/y');
    expect(responseMessageType(500, 'application/json', 'x/y')).toBeNull();
    expect(responseMessageType(202, 'application/json', (s) => (s === 202 ? 'a/b' : null))).toBe('a/b');
    expect(responseMessageType(200, 'application/json', undefined)).toBeNull();
  });
});
