import { createSutClient } from '../../../client/sut-client.ts';
import type { ConformanceSuite } from '../../conformance-suite.ts';
import { problemType, ref } from '../batch-receiver/receiver-judges.ts';
import { problemUri } from '../problem-types.ts';
import type { UpperTesterAdapter } from '../role-adapter.ts';

/**
 * The upper-tester profile (GEN-UT-002): a second instance of the target, started without test
 * mode, answers every path under /conformance/ 404 not-test-mode and does nothing, which the
 * adapter's `lookup` confirms by reading, on that instance, that the stimulated record is absent.
 */
export function upperTesterProfile<Planned>(
  suite: ConformanceSuite,
  peers: readonly string[],
  upperTester: UpperTesterAdapter<Planned>,
): void {
  suite.test(
    {
      id: upperTester.id,
      title: 'outside test mode, every path under /conformance/ answers 404 not-test-mode and does nothing',
      requirements: ['GEN-UT-002'],
      // The second instance may take the embedded environment's whole 60 s start limit on a loaded machine.
      timeoutMs: 90_000,
    },
    async (t) => {
      const production = await t.control().startSecondInstance({ testMode: false });
      const client = createSutClient({
        baseUrl: production.url,
        ledger: t.env.ledger,
        validate: t.env.spec.validate,
        timeoutMs: 5_000,
        to: 'sut-without-test-mode',
      });
      try {
        const planned = upperTester.via.plan(1);
        const peerUrls = Object.fromEntries(peers.map((peer) => [peer, { baseUrl: t.env.mock(peer).url }]));
        const probes: readonly [string, string, unknown][] = [
          ['GET', '/conformance/capabilities', undefined],
          ['PUT', '/conformance/peers', { peers: peerUrls }],
          ['POST', '/conformance/stimulus', upperTester.stimulusBody(planned)],
          ['POST', '/conformance/reset', undefined],
          ['PUT', '/conformance/hooks', { internalFailure: { interface: 'reconciliation', count: 1 } }],
          ['GET', '/conformance/no/such/control', undefined],
        ];
        for (const [method, path, body] of probes) {
          const answer = await client.request({
            method,
            path,
            interface: 'upper-tester',
            ...(body !== undefined ? { body } : {}),
          });
          t.check(
            'GEN-UT-002',
            answer.status === 404 && problemType(answer) === problemUri('not-test-mode'),
            `without test mode, ${method} ${path} was answered ${answer.status} ${problemType(answer) ?? ''}`,
            [ref(answer)],
          );
        }
        for (const record of planned) {
          const found = await upperTester.lookup(client, record);
          t.check('GEN-UT-002', found.absent, `after the refused stimulus, ${found.message}`, [
            ref(found.answer),
          ]);
        }
      } finally {
        await client.close();
        await production.stop();
      }
    },
  );
}
