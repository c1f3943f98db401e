import { internalErrorConcealed } from '../../../checks/check-internal-error-concealed.ts';
import { problemBody } from '../../../checks/check-problem-body.ts';
import type { SutResponse } from '../../../client/sut-client.ts';
import { jstDate } from '../../../reconciliation/accepted-digest.ts';
import type { ConformanceSuite } from '../../conformance-suite.ts';
import { ref } from '../batch-receiver/receiver-judges.ts';
import type { RoleAdapter } from '../role-adapter.ts';

/** How many requests the hook fails: more than one, so that a hook never spent is seen. */
const FAILED_REQUESTS = 2;

/** The interface the hook is armed on: every role receives reconciliation queries. */
const INTERFACE = 'reconciliation';

export const NO_HOOK_REASON =
  'the target does not offer the internal-failure hook (capabilities features.hooks): it cannot be made to fail internally, so GEN-ERR-003 is not tested';

/**
 * The internal-failure profile (GEN-ERR-003, GEN-UT-011, GEN-ERR-002, GEN-OBS-003): the
 * upper tester's fault hook makes the target fail inside its implementation on the next
 * reconciliation queries; each is answered 500 of type internal revealing no stack trace, file
 * path, query or library version, and once the hook is spent the same query is answered 200.
 * Not applicable to a target that does not offer the hook.
 */
export function internalFailureProfile(suite: ConformanceSuite, adapter: RoleAdapter): void {
  suite.test(
    {
      id: adapter.ids.internalFailure,
      title: 'answers an internal failure 500 internal without internals, then serves again',
      requirements: ['GEN-ERR-003', 'GEN-UT-011', 'GEN-ERR-002', 'GEN-OBS-003'],
    },
    async (t) => {
      if (!(t.env.capabilities.features?.hooks ?? []).includes('internal-failure'))
        t.notApplicable(NO_HOOK_REASON);
      const [peer] = adapter.peers;
      if (peer === undefined) throw new Error(`the ${adapter.role} adapter names no peer to reconcile with`);
      const query = `/${INTERFACE}?date=${jstDate(new Date().toISOString())}&peer=${peer}`;
      const setHooks = (hooks: unknown) =>
        t.env.sut.put('/conformance/hooks', hooks, {
          interface: 'upper-tester',
          requestType: 'upper-tester/hooks',
        });
      const armed = await setHooks({ internalFailure: { interface: INTERFACE, count: FAILED_REQUESTS } });
      if (armed.status !== 204) {
        t.check(
          'GEN-UT-011',
          false,
          `the target lists internal-failure in features.hooks, but PUT /conformance/hooks with internalFailure answered ${armed.status}`,
          [ref(armed)],
        );
        return;
      }
      try {
        for (let n = 1; n <= FAILED_REQUESTS; n += 1) {
          const failed = await t.env.sut.get(query, { interface: INTERFACE });
          const what = `GET ${query}, request ${n} of ${FAILED_REQUESTS} the hook fails`;
          judgeFailure(what, failed);
          t.check(
            'GEN-UT-011',
            failed.status !== null && failed.status >= 400,
            `${what} was answered ${failed.status}`,
            [ref(failed)],
          );
        }
        const served = await t.env.sut.get(query, {
          interface: INTERFACE,
          responseType: 'reconciliation/report',
        });
        t.check(
          'GEN-UT-011',
          served.status === 200 && served.entry.validation.response?.valid === true,
          `once the hook was spent, GET ${query} was answered ${served.status}${served.status === 200 && served.entry.validation.response?.valid !== true ? ' with a report that does not validate' : ''}`,
          [ref(served)],
        );
      } finally {
        await setHooks({});
      }

      function judgeFailure(what: string, answer: SutResponse): void {
        const input = {
          what,
          status: answer.status,
          headers: answer.headers,
          body: answer.body,
          evidence: [ref(answer)],
        };
        t.apply(internalErrorConcealed, { ...input, provoked: true });
        t.apply(problemBody, input);
      }
    },
  );
}
