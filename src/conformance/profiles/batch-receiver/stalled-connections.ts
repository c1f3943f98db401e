import type { EvidenceRef } from '../../../report/report-model.ts';
import type { ConformanceSuite } from '../../conformance-suite.ts';
import type { ReceiverAdapter, RoleAdapter } from '../role-adapter.ts';
import { DEADLINE_TOLERANCE_MS, HEADERS_DEADLINE_MS, rawClient, ref, survives } from './receiver-judges.ts';
import { acceptedWhole, prepared, rawPost, requireReceives, stillServing } from './receiver-steps.ts';

/**
 * Silent, trickling and stalled connections and resets at every phase (GEN-TMO-001…003): the
 * target closes them in time, serves others meanwhile, and applies nothing of a stalled body.
 * INC-2016-RELAY died of a connection that ended at the wrong moment.
 */
export function stalledConnectionsTest(
  suite: ConformanceSuite,
  adapter: RoleAdapter,
  receiver: ReceiverAdapter,
): void {
  suite.test(
    {
      id: receiver.ids.connections,
      title: `closes stalled ${receiver.interface} connections, abandons stalled bodies and survives resets at every phase`,
      requirements: ['GEN-TMO-001', 'GEN-TMO-002', 'GEN-TMO-003'],
    },
    async (t) => {
      requireReceives(t, receiver);
      const [stalled, resetRecord, served] = await prepared(t, receiver, 3);
      // The stalled body holds a complete record; only its closing "]}" never arrives.
      const stalledBody = Buffer.from(JSON.stringify(receiver.batch([stalled])));
      const partialHeaders = `POST ${receiver.path} HTTP/1.1\r\nhost: tekigo.invalid\r\ncontent-type: application/json\r\n`;
      const raw = rawClient(t);
      const post = rawPost(receiver);
      const resets: EvidenceRef[] = [];
      await survives(t, 'GEN-TMO-003', async () => {
        const silent = await raw.open();
        const trickle = await raw.open({ interface: receiver.interface });
        await trickle.write(partialHeaders);
        const stall = await raw.open({ interface: receiver.interface });
        await stall.write(raw.encode({ ...post, body: stalledBody }).subarray(0, -2));

        const resetBody = Buffer.from(JSON.stringify(receiver.batch([resetRecord])));
        const phases: readonly [string, readonly (string | Uint8Array)[]][] = [
          ['just after connecting', []],
          ['during the headers', [partialHeaders]],
          ['during the body', [raw.encode({ ...post, body: resetBody }).subarray(0, -20)]],
          ['while awaiting the answer', [raw.encode({ ...post, body: resetBody })]],
        ];
        for (const [, writes] of phases) {
          const connection = await raw.open({ interface: receiver.interface });
          for (const bytes of writes) await connection.write(bytes);
          resets.push(ref(connection.reset()));
        }

        const meanwhile = await acceptedWhole(t, receiver, served);
        const health = await t.env.sut.get('/health', { interface: 'health' });
        t.check(
          'GEN-TMO-001',
          meanwhile.accepted && health.status === 200,
          `while a silent, a trickling and a stalled connection were held open, a ${receiver.interface} batch was answered ${meanwhile.outcome} and /health ${health.status}`,
          [ref(meanwhile.answer), ref(health)],
        );

        const deadline = HEADERS_DEADLINE_MS + DEADLINE_TOLERANCE_MS;
        const [silentClosed, trickleClosed, stallEnded] = await Promise.all([
          silent.closedWithin(deadline),
          trickle.closedWithin(deadline),
          stall.answeredOrClosedWithin(deadline),
        ]);
        for (const [what, closedAfter, connection] of [
          ['a connection that sent nothing', silentClosed, silent],
          ['a connection whose headers stopped part-way', trickleClosed, trickle],
        ] as const) {
          t.check(
            'GEN-TMO-001',
            closedAfter !== null,
            closedAfter !== null
              ? `${what} was closed after ${closedAfter} ms`
              : `${what} was still open after ${deadline} ms (GEN-TMO-001 allows ${HEADERS_DEADLINE_MS} ms)`,
            [ref(connection.close())],
          );
        }
        const stallAnswer = stall.answer;
        const abandoned = stallEnded !== null && (stallAnswer === null || stallAnswer.status >= 400);
        // The catalog sets no deadline for a stalled body; the header deadline is the one applied.
        t.check(
          'GEN-TMO-002',
          abandoned,
          stallEnded === null
            ? `a body that stopped 2 bytes before its end was still pending after ${deadline} ms`
            : `a body that stopped 2 bytes before its end was ${stallAnswer ? `answered ${stallAnswer.status}` : 'dropped'} after ${stallEnded} ms`,
          [ref(stall.close())],
        );
      });

      const serving = await stillServing(t, adapter);
      t.check('GEN-TMO-003', serving.ok, `after resets at four phases: ${serving.message}`, [
        ...resets,
        ...serving.evidence,
      ]);
      const effect = receiver.effect ? await receiver.effect(t, stalled) : null;
      const whole = await acceptedWhole(t, receiver, stalled);
      t.check(
        'GEN-TMO-002',
        effect?.applied !== true && whole.accepted,
        `after the stalled body${effect ? ` ${effect.message}, and` : ''} its record sent whole was answered ${whole.outcome} (nothing of it may be applied)`,
        [...(effect ? [ref(effect.answer)] : []), ref(whole.answer)],
      );
    },
  );
}
