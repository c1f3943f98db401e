import { batchResultShape, outcomesOf, recordOutcomes } from '../../../checks/index.ts';
import type { SutResponse } from '../../../client/sut-client.ts';
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
      const _outcomes = (answer: Awaited<ReturnType<typeof post>>) =>
        resultsOf(answer).map((r) =>
          r.outcome === 'rejected' ? `rejected:${r.problem?.type ?? ''}` : r.outcome,
        );

      const lone = refused(a);
      const first = await post([a, lone, c]);
      t.apply(batchResultShape, {
        what: 'a batch of 3 records',
        status: first.status,
        body: first.body,
        batchId: (first.entry.requestBody as { batchId?: string } | null)?.batchId,
        recordIds: [a, lone, c].map(idOf),
        evidence: [ref(first)],
      });
      // The middle record is rejected for what it names; the records beside it stand on their own.
      const middle = outcomesOf(first.body)[1] ?? 'nothing';
      t.apply(recordOutcomes('GEN-BAT-002'), {
        what: `a batch of two valid records around one the ${receiver.interface} receiver rejects`,
        status: first.status,
        body: first.body,
        expected: ['accepted', middle.startsWith('rejected:') ? middle : 'rejected', 'accepted'],
        evidence: [ref(first)],
      });

      const conflict = `rejected:${problemUri('conflict')}`;
      const outcomes = (
        requirement: string,
        what: string,
        answer: SutResponse,
        expected: readonly string[],
      ) =>
        t.apply(recordOutcomes(requirement), {
          what,
          status: answer.status,
          body: answer.body,
          expected,
          evidence: [ref(answer)],
        });
      const second = await post([a]);
      outcomes('GEN-IDEM-001', 'a stored record sent again', second, ['duplicate']);
      const changed = await post([conflicting(c)]);
      outcomes('GEN-IDEM-002', 'a stored recordId with other content', changed, [conflict]);

      const third = await post([d, d, b, conflicting(b)]);
      outcomes(
        'GEN-IDEM-003',
        'a batch holding one record twice and another twice with other content',
        third,
        ['accepted', 'duplicate', 'accepted', conflict],
      );
      // Had the in-batch copies been applied twice, the conflict's original would now differ.
      const fourth = await post([b, d]);
      outcomes(
        'GEN-IDEM-003',
        'both records of that batch sent again (each stored once, as first sent)',
        fourth,
        ['duplicate', 'duplicate'],
      );

      const pairs = await Promise.all(
        concurrent.map((record) => Promise.all([post([record]), post([record])])),
      );
      for (const [i, pair] of pairs.entries()) {
        t.apply(recordOutcomes('GEN-IDEM-005'), {
          what: `record ${idOf(concurrent[i]).slice(0, 8)} sent in two concurrent requests`,
          status: pair[0].status,
          body: pair.map((answer) => answer.body),
          expected: ['accepted', 'duplicate'],
          unordered: true,
          evidence: pair.map(ref),
        });
      }
    },
  );
}
