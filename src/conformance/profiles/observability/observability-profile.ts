import type { ConformanceSuite } from '../../conformance-suite.ts';
import {
  CORRELATION_ID,
  judgeProblem,
  noPersonalData,
  problemType,
  rawClient,
  ref,
} from '../batch-receiver/receiver-judges.ts';
import { problemUri } from '../problem-types.ts';
import type { ObservabilityAdapter } from '../role-adapter.ts';

/** Correlation ids a target must not take as given (GEN-OBS-002), each with how it is described. */
const UNUSABLE_CORRELATION_IDS: readonly [string, string | null][] = [
  ['no X-Correlation-Id', null],
  ['an empty one', ''],
  ['one of 65 characters', 'a'.repeat(65)],
  ['one with a space', 'two words'],
  ['one with a slash', 'a/b'],
];

/**
 * The observability profile (GEN-ERR-004, GEN-OBS-002, GEN-OBS-003, GEN-SEC-006, GEN-ERR-002):
 * unknown paths answer 404 not-found, a missing or unusable correlation id is
 * replaced by one the target generates, and problems name invalid personal fields without
 * holding their values.
 */
export function observabilityProfile<Planned>(
  suite: ConformanceSuite,
  observability: ObservabilityAdapter<Planned>,
): void {
  suite.test(
    {
      id: observability.id,
      title: observability.stimuli
        ? 'answers unknown paths 404, generates correlation ids, and keeps personal data out of errors'
        : 'answers unknown paths 404 and generates correlation ids',
      requirements: [
        'GEN-ERR-004',
        'GEN-OBS-002',
        'GEN-OBS-003',
        ...(observability.stimuli ? ['GEN-SEC-006'] : []),
        'GEN-ERR-002',
      ],
    },
    async (t) => {
      for (const [method, path] of [
        ['GET', '/no-such-path'],
        ...observability.unknownPaths,
        ['GET', '/health/extra'],
      ] as const) {
        const answer = await t.env.sut.request({ method, path, ...(method === 'POST' ? { body: {} } : {}) });
        t.check(
          'GEN-ERR-004',
          answer.status === 404 && problemType(answer) === problemUri('not-found'),
          `${method} ${path} was answered ${answer.status} ${problemType(answer) ?? ''}`,
          [ref(answer)],
        );
        judgeProblem(t, `${method} ${path}`, answer, [ref(answer)]);
      }
      const raw = rawClient(t);
      for (const path of ['/health', '/no-such-path']) {
        const what = `GET ${path}`;
        for (const [how, id] of UNUSABLE_CORRELATION_IDS) {
          const sent = await raw.exchange({
            method: 'GET',
            path,
            headers: id === null ? {} : { 'x-correlation-id': id },
            ...(path === '/health' ? { interface: 'health' } : {}),
          });
          const { answer } = sent;
          const given = answer?.headers['x-correlation-id'];
          t.check(
            'GEN-OBS-002',
            given !== undefined && CORRELATION_ID.test(given) && given !== id,
            `${what} with ${how} was answered with X-Correlation-Id ${JSON.stringify(given ?? null)}`,
            [ref(sent)],
          );
          if (answer && answer.status >= 400) judgeProblem(t, `${what} with ${how}`, answer, [ref(sent)]);
        }
      }

      if (observability.stimuli === undefined) return;
      const { stimuli } = observability;
      const stimulus = (records: readonly Planned[]) =>
        t.env.sut.post('/conformance/stimulus', stimuli.stimulusBody(records), {
          interface: 'upper-tester',
          responseType: 'upper-tester/stimulus-result',
        });
      const [planned] = stimuli.via.plan(1);
      if (planned === undefined) throw new Error(`the ${stimuli.via.interface} adapter planned no record`);
      // The problem may name the spoilt fields, never hold their values.
      const spoilt = observability.spoil(planned);
      const refused = await stimulus([spoilt.record]);
      noPersonalData(t, observability.spoilt, refused, spoilt.personal);
      judgeProblem(t, observability.spoilt, refused, [ref(refused)]);
      await stimuli.via.stimulate(t, [planned]);
      const taken = await stimulus([planned]);
      noPersonalData(t, observability.taken, taken, observability.personalOf(planned));
      judgeProblem(t, observability.taken, taken, [ref(taken)]);
    },
  );
}
