import { answeredProblem, oversizedBodyRefused } from '../../../checks/index.ts';
import type { ConformanceSuite } from '../../conformance-suite.ts';
import { problemUri } from '../problem-types.ts';
import type { ReceiverAdapter, RoleAdapter } from '../role-adapter.ts';
import {
  BODY_LIMIT_BYTES,
  judgeProblem,
  noPersonalData,
  OVERSIZED_BODY_BYTES,
  problemType,
  rawClient,
  ref,
  survives,
} from './receiver-judges.ts';
import {
  acceptedWhole,
  answered,
  prepared,
  probe,
  rawPost,
  requireReceives,
  stillServing,
} from './receiver-steps.ts';

/**
 * Oversized, undecodable, deeply nested and mistyped bodies (GEN-VAL-002/004/005/008/011): each
 * refused with a problem, the target answering others meanwhile, and nothing of them stored.
 * INC-2003-NAGANO found exchange code exposed to anyone on the network.
 */
export function hostileBodiesTest(
  suite: ConformanceSuite,
  adapter: RoleAdapter,
  receiver: ReceiverAdapter,
): void {
  suite.test(
    {
      id: receiver.ids.hostileBodies,
      title: `refuses oversized, undecodable, deeply nested and mistyped ${receiver.interface} bodies, and keeps answering`,
      requirements: [
        'GEN-VAL-002',
        'GEN-VAL-004',
        'GEN-VAL-005',
        'GEN-VAL-008',
        'GEN-VAL-011',
        'GEN-ERR-002',
        'GEN-OBS-003',
        ...(receiver.spoil ? ['GEN-SEC-006'] : []),
      ],
    },
    async (t) => {
      requireReceives(t, receiver);
      // One record rides in every hostile request: had any of them stored it, sending it whole
      // at the end would be answered duplicate instead of accepted.
      const [record] = await prepared(t, receiver, 1);
      const json = JSON.stringify(receiver.batch([record]));
      const id = String((record as Record<string, unknown>)[receiver.recordId]);
      const raw = rawClient(t);
      await survives(t, 'GEN-VAL-011', async () => {
        for (const framing of ['content-length', 'chunked'] as const) {
          const [streamed, meanwhile] = await Promise.all([
            raw.stream({ ...rawPost(receiver), framing, bytes: OVERSIZED_BODY_BYTES }),
            probe(t, adapter),
          ]);
          const { answer } = streamed;
          const figures = {
            framing,
            limitBytes: BODY_LIMIT_BYTES,
            bodyBytes: OVERSIZED_BODY_BYTES,
            sentBytes: streamed.sentBytes,
            answeredWhileSending: streamed.answeredWhileSending,
            status: answer?.status ?? null,
            problemType: problemType(answer) ?? null,
          };
          // The figures the verdict rests on are evidence first, then judged by a pure check.
          const observed = t.observe('oversized-body', { ...figures, exchange: ref(streamed) });
          t.apply(oversizedBodyRefused, { ...figures, refs: [observed, ref(streamed)] });
          if (answer) judgeProblem(t, `oversized body (${framing})`, answer, [ref(streamed)]);
          t.check(
            'GEN-VAL-011',
            answered(meanwhile),
            `while the oversized body (${framing}) was streaming, ${meanwhile.entry.path} answered ${meanwhile.status}`,
            [ref(meanwhile), ref(streamed)],
          );
        }

        // The bytes go inside the record's id, a string every receiver must decode to judge.
        const cut = json.indexOf(id) + Math.floor(id.length / 2);
        const malformed: readonly [string, number[]][] = [
          ['a byte that never occurs in UTF-8 (FF)', [0xff]],
          ['an overlong encoding of "/" (C0 AF)', [0xc0, 0xaf]],
          ['an encoded surrogate (ED A0 80)', [0xed, 0xa0, 0x80]],
        ];
        for (const [what, bytes] of malformed) {
          const body = Buffer.concat([
            Buffer.from(json.slice(0, cut)),
            Buffer.from(bytes),
            Buffer.from(json.slice(cut)),
          ]);
          const sent = await raw.exchange({ ...rawPost(receiver), body });
          const { answer } = sent;
          t.apply(answeredProblem('GEN-VAL-004'), {
            what: `a ${receiver.interface} batch whose ${receiver.recordId} holds ${what}`,
            status: answer?.status ?? null,
            body: answer?.body ?? null,
            statuses: [400],
            problemType: problemUri('validation'),
            evidence: [ref(sent)],
          });
          if (answer) judgeProblem(t, `body with ${what}`, answer, [ref(sent)]);
        }

        const nest = `"${receiver.nestIn ?? 'records'}":`;
        const deep = Buffer.from(
          `${json.slice(0, json.indexOf(nest))}${nest}[${'['.repeat(10_000)}${']'.repeat(10_000)}]}`,
        );
        const nesting = await raw.exchange({ ...rawPost(receiver), body: deep });
        const nested = nesting.answer;
        const afterNesting = await t.env.sut.get('/health', { interface: 'health' });
        t.check(
          'GEN-VAL-005',
          (nested?.status === 400 || nested?.status === 413) && afterNesting.status === 200,
          `a body nested 10,000 levels deep was answered ${nested?.status ?? 'nothing'}; /health then answered ${afterNesting.status ?? 'nothing'}`,
          [ref(nesting), ref(afterNesting)],
        );
        if (nested) judgeProblem(t, 'deeply nested body', nested, [ref(nesting)]);

        const mediaTypes: readonly [string, Uint8Array | string, Record<string, string>][] = [
          ['text/plain', json, { 'content-type': 'text/plain' }],
          ['a form', json, { 'content-type': 'application/x-www-form-urlencoded' }],
          ['no Content-Type', new TextEncoder().encode(json), {}],
        ];
        for (const [what, body, headers] of mediaTypes) {
          const answer = await t.env.sut.post(receiver.path, body, {
            interface: receiver.interface,
            headers,
          });
          t.apply(answeredProblem('GEN-VAL-008'), {
            what: `a JSON ${receiver.interface} batch sent as ${what}`,
            status: answer.status,
            body: answer.body,
            statuses: [415],
            problemType: problemUri('unsupported-media-type'),
            evidence: [ref(answer)],
          });
          judgeProblem(t, `body sent as ${what}`, answer, [ref(answer)]);
        }

        if (receiver.spoil) {
          // The problem may name the spoilt fields, never hold their values.
          const [other] = await prepared(t, receiver, 1);
          const spoilt = receiver.spoil(other);
          const what = `a ${receiver.interface} record with invalid personal fields`;
          const answer = await t.env.sut.post(receiver.path, receiver.batch([spoilt.record]), {
            interface: receiver.interface,
          });
          noPersonalData(t, what, answer, spoilt.personal);
          judgeProblem(t, what, answer, [ref(answer)]);
        }
      });

      const serving = await stillServing(t, adapter);
      t.check('GEN-VAL-011', serving.ok, `after the hostile bodies: ${serving.message}`, serving.evidence);
      const whole = await acceptedWhole(t, receiver, record);
      t.check(
        'GEN-VAL-004',
        whole.accepted,
        `after the refused bodies their record, sent whole, was answered ${whole.outcome} (accepted: nothing of them was stored)`,
        [ref(whole.answer)],
      );
    },
  );
}
