import { answeredProblem } from '../../../checks/index.ts';
import type { ConformanceSuite } from '../../conformance-suite.ts';
import { problemUri } from '../problem-types.ts';
import type { ReceiverAdapter } from '../role-adapter.ts';
import { expectNamed, judgeProblem, ref } from './receiver-judges.ts';
import { postBatch, prepared, requireReceives, resultsOf } from './receiver-steps.ts';

/**
 * Batch bounds (GEN-VAL-010, GEN-BAT-003): 1..1000 records and the declared maxBatchSize are
 * enforced, nothing of a refused batch is stored, and a full batch is answered in time.
 */
export function batchBoundsTest(suite: ConformanceSuite, receiver: ReceiverAdapter): void {
  const { bounds: id } = receiver.ids;
  if (!id) return;
  suite.test(
    {
      id,
      title: `bounds ${receiver.interface} batches by 1..1000 records and the declared maxBatchSize, and accepts a full one in time`,
      requirements: ['GEN-VAL-010', 'GEN-BAT-003', 'GEN-ERR-002', 'GEN-OBS-003'],
    },
    async (t) => {
      requireReceives(t, receiver);
      const { maxBatchSize, requestTimeoutMs } = t.env.capabilities.parameters;
      const records = await prepared(t, receiver, Math.min(maxBatchSize + 1, 1000));
      const post = (batch: readonly unknown[]) => postBatch(t, receiver, receiver.batch(batch));
      expectNamed(t, 'GEN-VAL-010', 'an empty batch', await post([]), 400, '/records');
      const many = Array.from({ length: 1001 }, (_, i) => records[i % records.length]);
      expectNamed(t, 'GEN-VAL-010', 'a batch of 1001 records', await post(many), 400, '/records');
      if (maxBatchSize < 1000) {
        const over = await post(records);
        t.apply(answeredProblem('GEN-VAL-010'), {
          what: `a batch of ${records.length} records (declared maxBatchSize ${maxBatchSize})`,
          status: over.status,
          body: over.body,
          statuses: [413],
          problemType: problemUri('payload-too-large'),
          evidence: [ref(over)],
        });
        judgeProblem(t, 'a batch over maxBatchSize', over, [ref(over)]);
      }
      // The same records again: had the refused batches stored any, some would now be duplicates.
      const full = await post(records.slice(0, maxBatchSize));
      const accepted = resultsOf(full).filter((r) => r.outcome === 'accepted').length;
      t.check(
        'GEN-BAT-003',
        full.status === 200 && accepted === maxBatchSize && full.entry.durationMs <= requestTimeoutMs,
        `a valid batch of ${maxBatchSize} records (the declared maxBatchSize) was answered ${full.status} with ${accepted} accepted in ${Math.round(full.entry.durationMs)} ms (declared requestTimeoutMs ${requestTimeoutMs})`,
        [ref(full)],
      );
    },
  );
}
