import { jstDate } from '../../../reconciliation/accepted-digest.ts';
import type { ConformanceTest } from '../../conformance-suite.ts';

/**
 * GEN-REC-007: GET /reconciliation with an impossible date, a date that is not a date, or a
 * misspelt peer is answered 400 naming the query parameter. `peer` is a party the role reconciles
 * with, so that only the parameter under test is wrong.
 */
export async function judgeReconciliationQueryRefusals(t: ConformanceTest, peer: string): Promise<void> {
  const today = jstDate(new Date().toISOString());
  const cases = [
    { what: 'an impossible date', query: `date=2026-02-30&peer=${peer}`, parameter: 'date' },
    { what: 'a date that is not a date', query: `date=today&peer=${peer}`, parameter: 'date' },
    { what: 'a misspelt peer', query: `date=${today}&peer=${peer}-misspelt`, parameter: 'peer' },
  ];
  for (const c of cases) {
    const answer = await t.env.sut.get(`/reconciliation?${c.query}`, { interface: 'reconciliation' });
    const problem = answer.body as {
      detail?: string;
      errors?: { pointer?: string; detail?: string }[];
    } | null;
    const named = JSON.stringify([problem?.errors ?? [], problem?.detail ?? '']).includes(c.parameter);
    t.check(
      'GEN-REC-007',
      answer.status === 400 && named,
      `${c.what}: answered ${answer.status}${answer.status === 400 ? (named ? ` naming ${c.parameter}` : ` without naming ${c.parameter}`) : ''}`,
      [{ ledger: 'suite', seq: answer.entry.seq }],
    );
  }
}
