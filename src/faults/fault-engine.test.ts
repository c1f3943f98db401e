import { describe, expect, it } from 'vitest';
import { Ledger } from '../evidence/ledger.ts';
import { createFaultEngine, type ExchangeContext } from './fault-engine.ts';
import { type FaultRule, loadFaultScript } from './fault-script.ts';
import { resolvePointer } from './json-pointer.ts';
import { seededRandom } from './seeded-random.ts';

const post: ExchangeContext = {
  interface: 'certificate-issuances',
  method: 'POST',
  path: '/certificate-issuances',
  body: null,
};
const hang = { kind: 'hang' } as const;

/** Which calls (1-based) of `count` identical calls a lone rule applies to. */
function appliedCalls(
  rule: Omit<FaultRule, 'id'>,
  count: number,
  context: ExchangeContext = post,
  seed?: number,
): number[] {
  const engine = createFaultEngine(
    loadFaultScript({ ...(seed === undefined ? {} : { seed }), rules: [{ id: 'r', ...rule }] }),
  );
  const applied: number[] = [];
  for (let n = 1; n <= count; n++) if (engine.match(context).length > 0) applied.push(n);
  return applied;
}

describe('createFaultEngine', () => {
  it('applies sending actions to outbound exchanges only, delay to both, the others to inbound only', () => {
    const outbound: ExchangeContext = { ...post, direction: 'outbound' };
    const twice = { kind: 'duplicate-delivery' } as const;
    const backwards = { kind: 'reorder', window: 2 } as const;
    expect(appliedCalls({ action: twice }, 1, outbound)).toEqual([1]);
    expect(appliedCalls({ action: twice }, 1)).toEqual([]);
    expect(appliedCalls({ action: backwards }, 1, outbound)).toEqual([1]);
    expect(appliedCalls({ action: backwards }, 1, { ...post, direction: 'inbound' })).toEqual([]);
    expect(appliedCalls({ action: hang }, 1, outbound)).toEqual([]);
    expect(appliedCalls({ action: { kind: 'delay', ms: 1 } }, 1, outbound)).toEqual([1]);
    const both = createFaultEngine(
      loadFaultScript({
        rules: [
          { id: 'a', action: twice },
          { id: 'b', action: backwards },
        ],
      }),
    );
    expect(both.match(outbound).map((m) => m.rule.id)).toEqual(['a', 'b']);
  });

  it('selects by interface, method and exact or prefix path', () => {
    expect(appliedCalls({ interface: 'certificate-issuances', action: hang }, 1)).toEqual([1]);
    expect(appliedCalls({ interface: 'health', action: hang }, 1)).toEqual([]);
    expect(appliedCalls({ method: 'POST', action: hang }, 1, { ...post, method: 'post' })).toEqual([1]);
    expect(appliedCalls({ method: 'GET', action: hang }, 1)).toEqual([]);
    expect(appliedCalls({ path: '/certificate-issuances', action: hang }, 1)).toEqual([1]);
    expect(appliedCalls({ path: '/certificate', action: hang }, 1)).toEqual([]);
    expect(appliedCalls({ path: '/certificate*', action: hang }, 1)).toEqual([1]);
    expect(appliedCalls({ path: '/health*', action: hang }, 1)).toEqual([]);
  });

  it('applies to the n-th matching calls, every n-th call, and at most `times` times', () => {
    expect(appliedCalls({ when: { calls: { from: 2, to: 3 } }, action: hang }, 5)).toEqual([2, 3]);
    expect(appliedCalls({ when: { calls: { from: 4 } }, action: hang }, 5)).toEqual([4, 5]);
    expect(appliedCalls({ when: { calls: { to: 1 } }, action: hang }, 3)).toEqual([1]);
    expect(appliedCalls({ when: { every: 2 }, action: hang }, 7)).toEqual([2, 4, 6]);
    expect(appliedCalls({ times: 2, action: hang }, 5)).toEqual([1, 2]);
    expect(appliedCalls({ when: { every: 2 }, times: 2, action: hang }, 9)).toEqual([2, 4]);
  });

  it('counts only the calls the rule selects', () => {
    const engine = createFaultEngine(
      loadFaultScript({
        rules: [{ id: 'r', method: 'POST', when: { calls: { from: 2, to: 2 } }, action: hang }],
      }),
    );
    const get = { ...post, method: 'GET' };
    const applied = [post, get, get, post, post].map((c) => engine.match(c).length > 0);
    expect(applied).toEqual([false, false, false, true, false]);
  });

  it('applies inside the time window since the script was loaded', () => {
    let now = 1_000;
    const engine = createFaultEngine(
      loadFaultScript({ rules: [{ id: 'w', when: { afterMs: 100, beforeMs: 200 }, action: hang }] }),
      {
        clock: () => now,
      },
    );
    const at = (t: number) => {
      now = 1_000 + t;
      return engine.match(post).length > 0;
    };
    expect([at(0), at(99), at(100), at(199), at(200)]).toEqual([false, false, true, true, false]);
  });

  it('selects records by JSON Pointer and reports their indices', () => {
    const engine = createFaultEngine(
      loadFaultScript({
        rules: [
          {
            id: 'rej',
            when: { records: { pointer: '/recordId', in: ['b', 'c'] } },
            action: {
              kind: 'reject-records',
              problem: { type: 'urn:tekigo:problem:validation', title: 'No', status: 422 },
            },
          },
        ],
      }),
    );
    const body = { records: [{ recordId: 'a' }, { recordId: 'c' }, { recordId: 'b' }] };
    expect(engine.match({ ...post, body })[0]?.recordIndices).toEqual([1, 2]);
    expect(engine.match({ ...post, body: { records: [{ recordId: 'a' }] } })).toEqual([]);
    expect(engine.match({ ...post, body: 'not json' })).toEqual([]);
    expect(engine.match({ ...post, body: { records: [{ nested: { id: 'b' } }] } })).toEqual([]);
  });

  it('compares record values as JSON and counts only calls carrying selected records', () => {
    const rule = { when: { records: { pointer: '/key', in: [{ n: 1 }] }, calls: { from: 2 } }, action: hang };
    const matching = { ...post, body: { records: [{ key: { n: 1 } }] } };
    const other = { ...post, body: { records: [{ key: { n: 2 } }] } };
    const engine = createFaultEngine(loadFaultScript({ rules: [{ id: 'r', ...rule }] }));
    expect([matching, other, matching].map((c) => engine.match(c).length > 0)).toEqual([false, false, true]);
  });

  it('draws probabilities from the seed, reproducibly per rule', () => {
    const rule = { when: { probability: 0.3 }, action: hang };
    const first = appliedCalls(rule, 200, post, 42);
    expect(appliedCalls(rule, 200, post, 42)).toEqual(first);
    expect(appliedCalls(rule, 200, post, 43)).not.toEqual(first);
    expect(first.length).toBeGreaterThan(30);
    expect(first.length).toBeLessThan(90);
    expect(appliedCalls({ when: { probability: 0 }, action: hang }, 50)).toEqual([]);
    expect(appliedCalls({ when: { probability: 1 }, action: hang }, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it("keeps a rule's draws when other rules are added", () => {
    const probabilistic = { id: 'p', when: { probability: 0.5 }, action: { kind: 'delay', ms: 1 } };
    const alone = createFaultEngine(loadFaultScript({ seed: 9, rules: [probabilistic] }));
    const withOther = createFaultEngine(
      loadFaultScript({
        seed: 9,
        rules: [{ id: 'o', when: { probability: 0.5 }, action: { kind: 'delay', ms: 2 } }, probabilistic],
      }),
    );
    const hits = (engine: typeof alone) =>
      Array.from({ length: 40 }, () => engine.match(post).some((m) => m.rule.id === 'p'));
    expect(hits(withOther)).toEqual(hits(alone));
  });

  it('applies one answer-shaping action, plus every delay and record rejection', () => {
    const problem = { type: 'urn:tekigo:problem:validation', title: 'No', status: 422 };
    const engine = createFaultEngine(
      loadFaultScript({
        rules: [
          { id: 'd1', action: { kind: 'delay', ms: 10 } },
          { id: 's1', times: 1, action: { kind: 'status', status: 503 } },
          { id: 'h1', times: 1, action: hang },
          { id: 'd2', action: { kind: 'delay', ms: 20 } },
          {
            id: 'rr',
            when: { records: { pointer: '/recordId', in: ['a'] } },
            action: { kind: 'reject-records', problem },
          },
        ],
      }),
    );
    const ids = () => engine.match({ ...post, body: { records: [{ recordId: 'a' }] } }).map((m) => m.rule.id);
    expect(ids()).toEqual(['d1', 's1', 'd2', 'rr']);
    // h1 was shadowed by s1, so its single application is still available.
    expect(ids()).toEqual(['d1', 'h1', 'd2', 'rr']);
    expect(ids()).toEqual(['d1', 'd2', 'rr']);
  });

  it('records the script load and every application in the ledger', () => {
    const ledger = new Ledger();
    const script = loadFaultScript({ seed: 3, rules: [{ id: 'slow', action: { kind: 'delay', ms: 5 } }] });
    const engine = createFaultEngine(script, { ledger, source: 'national-center' });
    const matches = engine.match(post);
    engine.recordApplied(matches, { seq: 17, interface: 'certificate-issuances' }, { note: 'x' });
    expect(ledger.entries()).toMatchObject([
      { kind: 'observation', source: 'national-center', what: 'fault-script-loaded', data: script },
      {
        kind: 'fault',
        ruleId: 'slow',
        interface: 'certificate-issuances',
        action: 'delay',
        exchangeSeq: 17,
        detail: { call: 1, note: 'x' },
      },
    ]);
  });
});

describe('resolvePointer', () => {
  it('follows RFC 6901 including escapes and array indices', () => {
    const doc = { 'a/b': { '~c': [10, 20] }, '': 1 };
    expect(resolvePointer(doc, '')).toBe(doc);
    expect(resolvePointer(doc, '/a~1b/~0c/1')).toBe(20);
    expect(resolvePointer(doc, '/')).toBe(1);
    expect(resolvePointer(doc, '/a~1b/~0c/01')).toBeUndefined();
    expect(resolvePointer(doc, '/missing/x')).toBeUndefined();
    expect(resolvePointer(doc, '/toString')).toBeUndefined();
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays within [0, 1)', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const values = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});
