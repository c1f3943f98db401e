import {
  checkReconciliationAgreement,
  checkResendIdentity,
  cite,
  type ReconciliationEntries,
} from '../../../checks/index.ts';
import { jstDate } from '../../../reconciliation/accepted-digest.ts';
import type { ConformanceSuite } from '../../conformance-suite.ts';
import { PERMANENT_REJECTION } from '../problem-types.ts';
import { awaitSettled, deadLetters, peerEntries, requireInterface, requireSends } from '../profile-kit.ts';
import type { ReconciliationAdapter } from '../role-adapter.ts';

/**
 * The reconciliation profile (GEN-REC, with GEN-SEND-005 on the re-sends it provokes): after a
 * lost acknowledgement, a 500 and a rejection on one interface the role sends, the role's own
 * reconciliation report covers every interface it exchanges with that peer and agrees with the
 * peer's. Both sides must be able to prove they agree after faults: INC-2004-JPKI went unnoticed
 * for two months because nobody compared counts.
 */
export function reconciliationProfile<Planned>(
  suite: ConformanceSuite,
  reconciliation: ReconciliationAdapter<Planned>,
): void {
  const { via: sender } = reconciliation;
  suite.test(
    {
      id: reconciliation.id,
      title: `after a lost acknowledgement, a 500 and a rejection, the target's counts match the ${sender.peer}'s`,
      requirements: ['GEN-REC-001', 'GEN-REC-002', 'GEN-SEND-005'],
    },
    async (t) => {
      requireInterface(t, 'reconciliation', 'receiver');
      requireSends(t, sender);
      const { deliveryBoundMs, requestTimeoutMs, retry } = t.env.capabilities.parameters;
      const planned = sender.plan(20);
      const rejected = planned[2] === undefined ? undefined : sender.keyOf(planned[2]);
      await t.env.mock(sender.peer).setFaults({
        rules: [
          {
            id: 'reject-third',
            interface: sender.interface,
            when: { records: { pointer: `/${sender.naturalKey}`, in: [rejected] } },
            action: { kind: 'reject-records', problem: PERMANENT_REJECTION },
          },
          // Stored, but the answer never comes: the target must re-send with the same ids.
          {
            id: 'lose-first-ack',
            interface: sender.interface,
            when: { calls: { from: 1, to: 1 } },
            action: { kind: 'commit-then-hang' },
          },
          {
            id: 'fail-second',
            interface: sender.interface,
            when: { calls: { from: 2, to: 2 } },
            action: { kind: 'status', status: 500 },
          },
        ],
      });
      const issued = await sender.stimulate(t, planned);
      await awaitSettled(
        t,
        sender,
        issued.keys,
        requestTimeoutMs * 2 + retry.maxBackoffMs * 2 + deliveryBoundMs,
      );
      // The rejected record must reach the dead letters before the counts are final.
      await t.waitFor(
        'the rejection dead-lettered',
        async () =>
          (await deadLetters(t, sender.interface)).some((l) => issued.recordIds.includes(l.recordId))
            ? true
            : undefined,
        { timeoutMs: deliveryBoundMs },
      );
      t.record(
        checkResendIdentity(sender.peer, await peerEntries(t, sender), sender.interface, sender.naturalKey),
      );

      const date = jstDate(new Date().toISOString());
      const own = await t.env.sut.get(`/reconciliation?date=${date}&peer=${sender.peer}`, {
        interface: 'reconciliation',
        responseType: 'reconciliation/report',
      });
      const report = own.body as ReconciliationEntries | null;
      const valid = own.status === 200 && own.entry.validation.response?.valid === true;
      const missing = reconciliation.interfaces.filter(
        (i) => !report?.entries?.some((e) => e.interface === i),
      );
      t.check(
        'GEN-REC-001',
        valid && missing.length === 0,
        !valid
          ? `GET /reconciliation answered ${own.status} with ${own.entry.validation.response?.valid ? 'a valid' : 'an invalid'} report`
          : missing.length
            ? `the report leaves out ${missing.join(', ')}`
            : 'the report validates and covers every interface',
        [{ ledger: 'suite', seq: own.entry.seq }],
      );
      const theirs = await t.env.peer(sender.peer).get(`/reconciliation?date=${date}&peer=${t.env.role}`, {
        interface: 'reconciliation',
        responseType: 'reconciliation/report',
      });
      if (theirs.status !== 200)
        throw new Error(`the ${sender.peer} mock answered ${theirs.status} to its reconciliation query`);
      if (report && Array.isArray(report.entries))
        t.record(
          ...cite(
            checkReconciliationAgreement(report, theirs.body as ReconciliationEntries, sender.interface),
            [
              { ledger: 'suite', seq: own.entry.seq },
              { ledger: 'suite', seq: theirs.entry.seq },
            ],
          ),
        );
      else
        t.check('GEN-REC-002', false, 'the target gave no reconciliation report to compare', [
          { ledger: 'suite', seq: own.entry.seq },
        ]);
    },
  );
}
