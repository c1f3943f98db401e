import { noPersonalDataInError, refusalNamesField } from '../../../checks/check-answer-judgements.ts';
import type { RawAnswer, RawExchange } from '../../../client/raw-http-client.ts';
import type { SutResponse } from '../../../client/sut-client.ts';
import type { ConformanceSuite } from '../../conformance-suite.ts';
import {
  judgeProblem,
  personalValues,
  problemType,
  rawClient,
  ref,
  survives,
} from '../batch-receiver/receiver-judges.ts';
import {
  acceptedWhole,
  postBatch,
  prepared,
  rawPost,
  requireReceives,
  resultsOf,
  stillServing,
} from '../batch-receiver/receiver-steps.ts';
import { fuzzTest } from '../fuzz/fuzz-profile.ts';
import { problemUri } from '../problem-types.ts';
import type { HostileReceiver, ReceiverAdapter, RoleAdapter } from '../role-adapter.ts';
import { fieldOf, personalOf, recordAt, withValue } from './record-fields.ts';

/**
 * The hostile-input and fuzz tests on every interface the adapter receives on (`receives`, then
 * `hostile`) whose ids name them.
 */
export function hostileInputProfile(suite: ConformanceSuite, adapter: RoleAdapter): void {
  for (const receiver of [...(adapter.receives ?? []), ...(adapter.hostile ?? [])]) {
    hostileInputTest(suite, adapter, receiver);
    fuzzTest(suite, receiver);
  }
}

/** A body well under GEN-VAL-002's 16 MiB, refused for its size or its content. */
export const TEN_MB = 10 * 1000 * 1000;
/** One string field of this many characters. */
export const ONE_MB = 1000 * 1000;
/** Over GEN-VAL-013's 64 KiB header section. */
export const OVERSIZED_HEADER_BYTES = 96 * 1024;

/** A name of 99 characters, 96 of them outside the BMP (195 UTF-16 units). */
export const NON_BMP_NAME = `𠮷田 𩸽子${'𠮷'.repeat(94)}`;
const OUTSIDE_BMP_COUNT = [...NON_BMP_NAME].filter((c) => (c.codePointAt(0) ?? 0) > 0xffff).length;

const CONTROL_CHARACTERS: readonly [string, string][] = [
  ['NUL', '\u0000'],
  ['BEL', '\u0007'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
  ['CSI (U+009B)', '\u009b'],
];

/**
 * Hostile input on one interface a role receives (GEN-VAL-003/006/007/009/011/012/013,
 * GEN-SEC-006): a 10 MB body, a 1 MB string field, control characters in a text field,
 * `__proto__` and `constructor` members and an oversized header section are refused with a
 * 4xx problem that names the field and quotes no personal data; the receiver keeps serving and
 * stores nothing of them; a name of characters outside the BMP is accepted. INC-2003-NAGANO.
 */
export function hostileInputTest(
  suite: ConformanceSuite,
  adapter: RoleAdapter,
  hostile: HostileReceiver,
): void {
  // Only the ids of these two tests are read; the batch helpers take the rest of a receiver.
  const receiver = hostile as ReceiverAdapter;
  const { hostileInput: id } = receiver.ids;
  if (id === undefined) return;
  const personal = receiver.personalItems !== undefined;
  suite.test(
    {
      id,
      title: `refuses a 10 MB body, a 1 MB field, control characters, prototype keys and an oversized header on ${receiver.interface}${personal ? ', and keeps names outside the BMP' : ''}`,
      requirements: [
        'GEN-VAL-001',
        'GEN-VAL-003',
        'GEN-VAL-006',
        'GEN-VAL-009',
        'GEN-VAL-011',
        'GEN-VAL-012',
        'GEN-VAL-013',
        'GEN-ERR-002',
        'GEN-OBS-003',
        ...(personal ? ['GEN-VAL-007', 'GEN-SEC-006'] : []),
      ],
    },
    async (t) => {
      requireReceives(t, receiver);
      const [record, named] = await prepared(t, receiver, personal ? 2 : 1);
      const field = fieldOf(t, receiver, record);
      const items = personalOf(receiver, record);
      const raw = rawClient(t);
      const sent = (
        what: string,
        answer: RawAnswer | SutResponse | null,
        exchange: { entry: RawExchange['entry'] },
      ) => {
        const evidence = [ref(exchange)];
        if (answer)
          judgeProblem(
            t,
            what,
            { status: answer.status, headers: answer.headers, body: answer.body },
            evidence,
          );
        if (items)
          t.apply(noPersonalDataInError, {
            what,
            status: answer?.status ?? null,
            body: answer?.body ?? null,
            personal: personalValues(items),
            evidence,
          });
      };
      const refused = (
        requirement: string,
        what: string,
        answer: RawAnswer | SutResponse | null,
        exchange: { entry: RawExchange['entry'] },
      ) => {
        const tooLarge = answer?.status === 413 && problemType(answer) === problemUri('payload-too-large');
        if (!tooLarge)
          t.apply(refusalNamesField(requirement), {
            what,
            status: answer?.status ?? null,
            body: answer?.body ?? null,
            expectedStatus: 400,
            pointer: field.pointer,
            evidence: [ref(exchange)],
          });
        sent(what, answer, exchange);
      };

      await survives(t, 'GEN-VAL-011', async () => {
        const big = await raw.stream({ ...rawPost(receiver), framing: 'content-length', bytes: TEN_MB });
        t.check(
          'GEN-VAL-001',
          big.answer?.status === 400 || big.answer?.status === 413,
          `a 10 MB body that is not JSON was answered ${big.answer?.status ?? 'nothing'} (expected 400, or 413 under a smaller declared body limit)`,
          [ref(big)],
        );
        sent('a 10 MB body', big.answer, big);

        const long = JSON.stringify(receiver.batch([withValue(record, field.path, 'a'.repeat(ONE_MB))]));
        const longSent = await raw.exchange({ ...rawPost(receiver), body: long });
        refused(
          'GEN-VAL-003',
          `a request whose ${field.pointer} holds 1,000,000 characters`,
          longSent.answer,
          longSent,
        );

        for (const [name, character] of CONTROL_CHARACTERS) {
          const value = `${String(field.value).slice(0, 2)}${character}${String(field.value).slice(2)}`;
          const answer = await postBatch(t, receiver, receiver.batch([withValue(record, field.path, value)]));
          refused('GEN-VAL-006', `a request whose ${field.pointer} holds ${name}`, answer, answer);
        }

        for (const key of ['__proto__', 'constructor'] as const) {
          for (const [where, body] of prototypeBodies(receiver, record, key)) {
            const answer = await postBatch(t, receiver, body);
            t.apply(refusalNamesField('GEN-VAL-009'), {
              what: `a request with a member ${key} in ${where.pointer === '' ? 'the envelope' : where.pointer}`,
              status: answer.status,
              body: answer.body,
              expectedStatus: 400,
              pointer: `${where.pointer}/${key}`,
              evidence: [ref(answer)],
            });
            sent(`a request with a ${key} member`, answer, answer);
          }
        }

        const headed = await raw.exchange({
          ...rawPost(receiver),
          headers: { ...rawPost(receiver).headers, 'x-padding': 'a'.repeat(OVERSIZED_HEADER_BYTES) },
          body: JSON.stringify(receiver.batch([record])),
        });
        const status = headed.answer?.status;
        const emptyOrProblem =
          headed.answer?.body === null || problemType(headed.answer ?? null) !== undefined;
        // No answer: the ledger entry says whether the target reset the connection while the
        // request was still arriving (a close that was not in stages, RFC 9112 §9.6) or closed it.
        const unanswered = headed.answer === null ? ` (${headed.entry.error ?? 'no answer'})` : '';
        t.check(
          'GEN-VAL-013',
          (status === 431 || status === 400) && emptyOrProblem,
          `a request with a ${OVERSIZED_HEADER_BYTES / 1024} KiB header was answered ${status ?? 'nothing'}${unanswered}${emptyOrProblem ? '' : ' with a body that is not a problem'} (expected 431 or 400, no body or a problem, reaching the client: a connection closed after it is closed in stages)`,
          [ref(headed)],
        );
      });

      const serving = await stillServing(t, adapter);
      for (const requirement of ['GEN-VAL-011', 'GEN-VAL-013'])
        t.check(requirement, serving.ok, `after the hostile requests: ${serving.message}`, serving.evidence);
      const whole = await acceptedWhole(t, receiver, record);
      t.check(
        'GEN-VAL-012',
        whole.accepted,
        `after the refused requests their record, sent whole, was answered ${whole.outcome} (accepted: none of them had an effect)`,
        [ref(whole.answer)],
      );

      if (named !== undefined && receiver.personalItems !== undefined) {
        const path = [...receiver.personalItems, 'name', 'kanji'];
        const answer = await postBatch(t, receiver, receiver.batch([withValue(named, path, NON_BMP_NAME)]));
        const outcome = resultsOf(answer)[0]?.outcome;
        t.check(
          'GEN-VAL-007',
          answer.status === 200 && outcome === 'accepted',
          `a record whose name is ${[...NON_BMP_NAME].length} characters, ${OUTSIDE_BMP_COUNT} of them outside the BMP (${NON_BMP_NAME.length} UTF-16 units), was answered ${answer.status} ${outcome ?? ''} (expected 200 accepted)`,
          [ref(answer)],
        );
        if (outcome === 'accepted' && receiver.readName) {
          const back = await receiver.readName(t, withValue(named, path, NON_BMP_NAME));
          t.check(
            'GEN-VAL-007',
            back.name === NON_BMP_NAME,
            `the name read back ${back.where} ${describeName(back.name)} (expected the ${[...NON_BMP_NAME].length} code points sent, unchanged)`,
            [ref(answer), ref(back.answer)],
          );
        }
      }
    },
  );
}

/** The batch with an own member `key` in the envelope and in the record. */
function prototypeBodies(
  receiver: ReceiverAdapter,
  record: unknown,
  key: string,
): [{ pointer: string }, unknown][] {
  const polluted = { polluted: true };
  const inRecord = receiver.batch([withValue(record, [key], polluted)]);
  // A record sent as the whole body has no envelope of its own.
  if (recordAt(receiver).length === 0) return [[{ pointer: '' }, inRecord]];
  const envelope = receiver.batch([record]);
  Object.defineProperty(envelope, key, { value: polluted, enumerable: true });
  return [
    [{ pointer: '' }, envelope],
    [{ pointer: '/records/0' }, inRecord],
  ];
}

/** How a name read back compares with NON_BMP_NAME, without quoting it whole. */
export function describeName(name: string | undefined): string {
  if (name === undefined) return 'is missing';
  if (name === NON_BMP_NAME) return 'is intact';
  const sent = [...NON_BMP_NAME];
  const got = [...name];
  const at = sent.findIndex((c, i) => got[i] !== c);
  const first = at < 0 ? got.length : at;
  const there = got[first]?.codePointAt(0);
  const where =
    there === undefined
      ? `it ends after code point ${first}`
      : `the first difference at code point ${first} (U+${there.toString(16).toUpperCase().padStart(4, '0')})`;
  return `differs: ${got.length} code points (${name.length} UTF-16 units) against ${sent.length}, ${where}`;
}
