import { describe, expect, test } from 'vitest';
import { applyCheck, cite, defineCheck, ledgerCheck, namedCheck, refsOf } from './define-check.ts';

describe('check definitions', () => {
  const even = defineCheck<{ n: number }>({
    name: 'even',
    requirements: ['GEN-X-001'],
    judge: ({ n }) => ({
      requirement: 'GEN-X-001',
      verdict: n % 2 === 0 ? 'pass' : 'fail',
      message: `${n}`,
      evidence: [],
    }),
    reads: () => [{ ledger: 'suite', seq: 3 }],
  });

  test('applyCheck names the check and cites what it read when the finding cites nothing', () => {
    expect(applyCheck(even, { n: 2 })).toEqual([
      {
        requirement: 'GEN-X-001',
        verdict: 'pass',
        message: '2',
        check: 'even',
        evidence: [{ ledger: 'suite', seq: 3 }],
        input: { kind: 'value', value: { n: 2 } },
      },
    ]);
    expect(applyCheck(even, { n: 1 })[0]?.verdict).toBe('fail');
  });

  test('refsOf folds consecutive entries into runs', () => {
    expect(refsOf('nc', [{ seq: 1 }, { seq: 2 }, { seq: 3 }, { seq: 7 }])).toEqual([
      { ledger: 'nc', seq: 1, through: 3 },
      { ledger: 'nc', seq: 7 },
    ]);
  });

  test('ledgerCheck cites the entries it was given; namedCheck and cite keep a finding’s own evidence', () => {
    const judge = ledgerCheck('count', (_ledger: string, entries: readonly { seq: number }[]) => ({
      requirement: 'GEN-X-002',
      verdict: entries.length > 0 ? ('pass' as const) : ('inconclusive' as const),
      message: `${entries.length}`,
      evidence: [],
    }));
    // biome-ignore lint/suspicious/noExplicitAny: a minimal ledger entry stand-in
    const finding = judge('nc', [{ seq: 4 }, { seq: 5 }] as any);
    expect(finding).toMatchObject({ check: 'count', evidence: [{ ledger: 'nc', seq: 4, through: 5 }] });
    const own = namedCheck('own', () => ({
      requirement: 'GEN-X-003',
      verdict: 'pass' as const,
      message: '',
      evidence: [{ ledger: 'suite', seq: 9 }],
    }))();
    expect(cite(own, [{ ledger: 'suite', seq: 1 }])).toEqual([{ ...own, check: 'own' }]);
  });
});
