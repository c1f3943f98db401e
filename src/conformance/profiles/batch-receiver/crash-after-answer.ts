import type { ConformanceSuite } from '../../conformance-suite.ts';
import type { ReceiverAdapter } from '../role-adapter.ts';
import { ref } from './receiver-judges.ts';
import { postBatch, prepared, requireReceives, resultsOf } from './receiver-steps.ts';

/**
 * A crash right after the answer (GEN-ACK-001, GEN-ACK-002, GEN-IDEM-004): every record answered
 * accepted is still held after the restart (its effect visible, a re-send answered duplicate),
 * and every other record of the batch is held completely or not at all.
 */
export function crashAfterAnswerTest(suite: ConformanceSuite, receiver: ReceiverAdapter): void {
  const { crash: id } = receiver.ids;
  if (!id) return;
  suite.test(
    {
      id,
      title: `${receiver.interface} records answered accepted survive a crash right after the answer`,
      requirements: ['GEN-ACK-001', 'GEN-ACK-002', 'GEN-IDEM-004'],
    },
    async (t) => {
      requireReceives(t, receiver);
      const target = t.control();
      const records = await prepared(t, receiver, 2);
      const [first] = records;
      // A record the receiver rejects rides along: it must be held not at all.
      const all = receiver.refused && first !== undefined ? [...records, receiver.refused(first)] : records;
      const batch = receiver.batch(all);
      const answered = await postBatch(t, receiver, batch);
      const outcomes = resultsOf(answered).map((r) => r.outcome);

      await target.crashAndRestart();

      const effects: (Awaited<ReturnType<NonNullable<ReceiverAdapter['effect']>>> | null)[] = [];
      for (const record of all) effects.push(receiver.effect ? await receiver.effect(t, record) : null);
      const again = await postBatch(t, receiver, { ...batch, batchId: crypto.randomUUID() });
      const againOutcomes = resultsOf(again).map((r) => r.outcome);
      all.forEach((record, i) => {
        const recordId = String((record as Record<string, unknown>)[receiver.recordId]).slice(0, 8);
        const effect = effects[i] ?? null;
        const evidence = [ref(answered), ...(effect ? [ref(effect.answer)] : []), ref(again)];
        const receipt = againOutcomes[i] === 'duplicate';
        if (outcomes[i] === 'accepted') {
          t.check(
            'GEN-ACK-001',
            receipt && effect?.applied !== false,
            `record ${recordId}, answered accepted right before the crash: ${effect ? `${effect.message}, ` : ''}re-sent after it answered ${againOutcomes[i] ?? 'nothing'} (expected duplicate: held)`,
            evidence,
          );
          t.check(
            'GEN-IDEM-004',
            receipt,
            `record ${recordId}, accepted before the crash, re-sent after it: ${againOutcomes[i] ?? 'no result'}`,
            evidence,
          );
        }
        // Held completely (effect and receipt) or not at all; what was answered accepted, completely.
        t.check(
          'GEN-ACK-002',
          (effect === null || effect.applied === receipt) && (outcomes[i] !== 'accepted' || receipt),
          `record ${recordId} (answered ${outcomes[i] ?? 'nothing'}): after the crash ${effect ? `${effect.message} and ` : ''}a re-send is answered ${againOutcomes[i] ?? 'nothing'}`,
          evidence,
        );
      });
    },
  );
}
