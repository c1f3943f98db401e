import { TekigoHarnessError } from '../../../errors.ts';
import type { ConformanceSuite } from '../../conformance-suite.ts';
import { problemUri } from '../problem-types.ts';
import type { ReceiverAdapter } from '../role-adapter.ts';
import { ref } from './receiver-judges.ts';
import { postBatch, prepared, requireReceives, resultsOf } from './receiver-steps.ts';

/**
 * Each record decided on its own, results in request order under the batchId (GEN-BAT-001/002);
 * a stored record again is a duplicate, its id with other content a conflict (GEN-IDEM-001/002),
 * also within one batch (GEN-IDEM-003) and in two concurrent requests (GEN-IDEM-005).
 * INC-2023-KIOSK handed one person another person's document.
 */
export function recordDecisionsTest(suite: ConformanceSuite, receiver: ReceiverAdapter): void {
  const { records: id } = receiver.ids;
  if (!id) return;
  suite.test(
    {
      id,
      title: `decides every ${receiver.interface} record on its own, once, and refuses a changed copy of a stored one`,
      requirements: [
        'GEN-BAT-001',
        'GEN-BAT-002',
        'GEN-IDEM-001',
        'GEN-IDEM-002',
        'GEN-IDEM-003',
        'GEN-IDEM-005',
      ],
    },
    async (t) => {
      requireReceives(t, receiver);
      const { conflicting, refused } = receiver;
      if (!conflicting || !refused)
        throw new TekigoHarnessError(
          'ADAPTER_INCOMPLETE',
          `the ${receiver.interface} adapter names a records test but gives no conflicting() or refused()`,
        );
      const post = (records: readonly unknown[]) => postBatch(t, receiver, receiver.batch(records));
      const idOf = (record: unknown) => String((record as Record<string, unknown>)[receiver.recordId]);
      const [a, b, c, d, ...concurrent] = await prepared(t, receiver, 7);
      const outcomes = (answer: Awaited<ReturnType<typeof post>>) =>
        resultsOf(answer).map((r) =>
          r.outcome === 'rejected' ? `rejected:${r.problem?.type ?? ''}` : r.outcome,
        );

      const lone = refused(a);
      const first = await post([a, lone, c]);
      const results = resultsOf(first);
      const order = [a, lone, c].map(idOf);
      t.check(
        'GEN-BAT-001',
        (first.body as { batchId?: string } | null)?.batchId ===
          (first.entry.requestBody as { batchId?: string } | null)?.batchId &&
          results.length === order.length &&
          results.every((r, i) => r.recordId === order[i]),
        `a batch of 3 records was answered ${first.status} with ${results.length} result(s) for ${JSON.stringify(results.map((r) => r.recordId?.slice(0, 8)))} (expected ${JSON.stringify(order.map((i) => i.slice(0, 8)))}, in that order, under the request's batchId)`,
        [ref(first)],
      );
      const [o1, o2, o3] = outcomes(first);
      t.check(
        'GEN-BAT-002',
        o1 === 'accepted' && o2?.startsWith('rejected') === true && o3 === 'accepted',
        `beside a record the ${receiver.interface} receiver rejects, two valid records were answered ${o1} and ${o3} (expected accepted, the middle one ${o2}: rejected)`,
        [ref(first)],
      );

      const conflict = `rejected:${problemUri('conflict')}`;
      const second = await post([a, conflicting(c)]);
      const [again, changed] = outcomes(second);
      t.check(
        'GEN-IDEM-001',
        again === 'duplicate',
        `a stored record sent again was answered ${again ?? second.status} (expected duplicate)`,
        [ref(second)],
      );
      t.check(
        'GEN-IDEM-002',
        changed === conflict,
        `a stored recordId with other content was answered ${changed ?? second.status} (expected ${conflict})`,
        [ref(second)],
      );

      const third = await post([d, d, b, conflicting(b)]);
      const inBatch = outcomes(third);
      const expected = ['accepted', 'duplicate', 'accepted', conflict];
      t.check(
        'GEN-IDEM-003',
        JSON.stringify(inBatch) === JSON.stringify(expected),
        `a batch holding one record twice and another twice with other content was answered ${JSON.stringify(inBatch)} (expected ${JSON.stringify(expected)})`,
        [ref(third)],
      );
      // Had the in-batch copies been applied twice, the conflict's original would now differ.
      const fourth = await post([b, d]);
      t.check(
        'GEN-IDEM-003',
        JSON.stringify(outcomes(fourth)) === '["duplicate","duplicate"]',
        `both records of that batch sent again were answered ${JSON.stringify(outcomes(fourth))} (expected duplicate twice: each stored once, as first sent)`,
        [ref(fourth)],
      );

      const pairs = await Promise.all(
        concurrent.map((record) => Promise.all([post([record]), post([record])])),
      );
      for (const [i, pair] of pairs.entries()) {
        const answered = pair.map((answer) => outcomes(answer)[0]).sort();
        t.check(
          'GEN-IDEM-005',
          JSON.stringify(answered) === '["accepted","duplicate"]',
          `record ${idOf(concurrent[i]).slice(0, 8)} sent in two concurrent requests was answered ${answered.join(' and ')} (expected accepted and duplicate)`,
          pair.map(ref),
        );
      }
    },
  );
}
