import fc from 'fast-check';
import { fuzzAnswers } from '../../../checks/check-fuzz-answers.ts';
import type { FuzzAnswer } from '../../../checks/index.ts';
import { TekigoHarnessError } from '../../../errors.ts';
import type { ConformanceSuite } from '../../conformance-suite.ts';
import { runContext } from '../../run-context.ts';
import { problemType, ref, survives } from '../batch-receiver/receiver-judges.ts';
import { postBatch, prepared, requireReceives } from '../batch-receiver/receiver-steps.ts';
import type { HostileReceiver, ReceiverAdapter } from '../role-adapter.ts';
import { caseArbitrary, classify } from './fuzz-cases.ts';
import { schemaIndex } from './schema-index.ts';

export const DEFAULT_FUZZ_CASES = 200;

/** The run's case count and seed; a seed is drawn when none was given, and reported either way. */
export function fuzzSettings(): { readonly cases: number; readonly seed: number } {
  const { fuzz } = runContext();
  return {
    cases: fuzz?.cases ?? DEFAULT_FUZZ_CASES,
    seed: fuzz?.seed ?? Math.floor(Math.random() * 0x7fffffff),
  };
}

/**
 * Schema-derived fuzzing of one interface a role receives (GEN-VAL-014, GEN-VAL-001): a valid
 * batch with one or two places changed by values drawn from their schemas, `--fuzz-cases` of
 * them from `--seed`; the spec's validator says which are valid. No answer 5xx, no valid case
 * refused 400, every schema-invalid case refused. The seed is in the evidence and the finding.
 */
export function fuzzTest(suite: ConformanceSuite, hostile: HostileReceiver): void {
  // Only the ids of these two tests are read; the batch helpers take the rest of a receiver.
  const receiver = hostile as ReceiverAdapter;
  const { fuzz: id } = receiver.ids;
  if (id === undefined) return;
  suite.test(
    {
      id,
      title: `answers schema-derived ${receiver.interface} messages as the spec requires (seeded, --fuzz-cases)`,
      requirements: ['GEN-VAL-014', 'GEN-VAL-001'],
    },
    async (t) => {
      requireReceives(t, receiver);
      const { requestType } = receiver;
      if (requestType === undefined)
        throw new TekigoHarnessError(
          'NO_REQUEST_TYPE',
          `the ${receiver.interface} adapter names no requestType; fuzzing draws its cases from that schema`,
        );
      const { cases, seed } = fuzzSettings();
      const [record] = await prepared(t, receiver, 1);
      const index = schemaIndex(t.env.spec.specsDir);
      const arbitrary = caseArbitrary(index, index.root(requestType), receiver.batch([record]));
      const generated = fc.sample(arbitrary, { seed, numRuns: cases });
      const started = performance.now();
      const answers: FuzzAnswer[] = [];
      await survives(t, 'GEN-VAL-014', async () => {
        for (const c of generated) {
          const kind = classify(c.body, t.env.spec.validate(requestType, c.body).errors.length);
          const answer = await postBatch(t, receiver, c.body);
          answers.push({
            kind,
            status: answer.status,
            problemType: problemType(answer) ?? null,
            changes: c.changes,
            evidence: [ref(answer)],
          });
          // A case left unanswered already fails GEN-VAL-014; the rest would only wait out the
          // client timeout one by one against a target that has stopped answering.
          if (answer.status === null) break;
        }
      });
      t.observe('fuzz-cases', {
        interface: receiver.interface,
        seed,
        cases,
        sent: answers.length,
        wallMs: Math.round(performance.now() - started),
      });
      t.apply(fuzzAnswers, { interface: receiver.interface, seed, cases: answers });
    },
  );
}
