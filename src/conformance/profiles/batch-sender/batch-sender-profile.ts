import {
  checkBackoffCeiling,
  checkBackoffRespected,
  checkDeliveredWithin,
  checkNoResendAfterRejection,
  checkResendIdentity,
  checkRetryAfterHonoured,
  checkSentMessagesValid,
  checkTimeoutBound,
  exchangesOf,
  recordAttempts,
  refsOf,
  unreadRejections,
} from '../../../checks/index.ts';
import type { ConformanceSuite, ConformanceTest } from '../../conformance-suite.ts';
import { PERMANENT_REJECTION } from '../problem-types.ts';
import { awaitSettled, deadLetters, peerEntries, requireSends } from '../profile-kit.ts';
import type { SenderAdapter } from '../role-adapter.ts';

/**
 * The batch-sender profile (GEN-SEND, GEN-DLQ on the sending side): how a role sends one
 * interface's records when the receiving peer misbehaves (INC-2004-JPKI). Runs for every
 * interface the role's adapter lists under `sends`, when the target declares it sends on it.
 */
export function batchSenderProfile<Planned>(suite: ConformanceSuite, sender: SenderAdapter<Planned>): void {
  suite.test(
    {
      id: `${sender.ids}01`,
      title: `one permanently rejected ${sender.interface} record among 100 does not hold back the other 99`,
      requirements: ['GEN-SEND-001', 'GEN-SEND-006', 'GEN-SEND-007', 'GEN-SEND-008', 'GEN-DLQ-001'],
    },
    async (t) => {
      requireSends(t, sender);
      const { deliveryBoundMs, retry, requestTimeoutMs } = t.env.capabilities.parameters;
      const peer = t.env.mock(sender.peer);
      const planned = sender.plan(100);
      const poisoned = planned[36] === undefined ? undefined : sender.keyOf(planned[36]);
      await peer.setFaults({
        rules: [
          {
            id: 'reject-37th',
            interface: sender.interface,
            when: { records: { pointer: `/${sender.naturalKey}`, in: [poisoned] } },
            action: { kind: 'reject-records', problem: PERMANENT_REJECTION },
          },
        ],
      });
      const issued = await sender.stimulate(t, planned);
      const others = issued.keys.filter((k) => k !== poisoned);
      await awaitSettled(t, sender, issued.keys, deliveryBoundMs + 1_000);
      // A sender that wrongly retries the rejected record does so within its backoff: watch that long.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(retry.maxBackoffMs, retry.initialBackoffMs * retry.multiplier) + 200),
      );
      const entries = await peerEntries(t, sender);
      t.record(checkSentMessagesValid(sender.peer, entries, sender.interface));
      t.record(
        checkDeliveredWithin(sender.peer, entries, sender.interface, {
          requirement: 'GEN-SEND-007',
          keys: others,
          naturalKey: sender.naturalKey,
          sinceEpochMs: issued.sinceEpochMs,
          boundMs: deliveryBoundMs,
          schedulingDelay: t.schedulingDelay(),
        }),
      );
      t.record(checkNoResendAfterRejection(sender.peer, entries, sender.interface, requestTimeoutMs));
      const poisonedId = issued.recordIds[36];
      // Rejections the sender never read (it had timed out first) were rightly sent again.
      const unread =
        unreadRejections(entries, sender.interface, requestTimeoutMs).get(poisonedId ?? '')?.length ?? 0;
      const letters = await deadLetters(t, sender.interface);
      const ours = letters.filter((l) => issued.recordIds.includes(l.recordId));
      const letter = ours.find((l) => l.recordId === poisonedId);
      t.check(
        'GEN-SEND-006',
        letter !== undefined && letter.reason === 'rejected' && letter.attempts === 1 + unread,
        letter
          ? `the rejected record is a dead letter (reason ${letter.reason}, ${letter.attempts} attempt(s)${unread > 0 ? `, ${unread} of them timed out before the rejection was read` : ''})`
          : 'the rejected record is not among the dead letters',
        t.latest('dead-letters'),
      );
      t.check(
        'GEN-DLQ-001',
        ours.length === 1 && letter?.lastError?.type === PERMANENT_REJECTION.type,
        `dead letters hold ${ours.length} of this test's records${letter ? `, last error ${letter.lastError?.type}` : ''} (expected exactly the rejected one, with its problem)`,
        t.latest('dead-letters'),
      );
      const accepted = new Set(
        recordAttempts(entries, sender.interface)
          .filter((a) => a.outcome === 'accepted' || a.outcome === 'duplicate')
          .map((a) => a.recordId),
      );
      const unaccounted = issued.recordIds.filter(
        (id) => !accepted.has(id) && !ours.some((l) => l.recordId === id),
      );
      t.check(
        'GEN-SEND-008',
        unaccounted.length === 0,
        unaccounted.length === 0
          ? 'every record is accepted or a dead letter'
          : `${unaccounted.length} record(s) neither accepted nor dead-lettered`,
        [...t.latest('dead-letters'), ...refsOf(sender.peer, exchangesOf(entries, sender.interface))],
      );
    },
  );

  suite.test(
    {
      id: `${sender.ids}02`,
      title: 'a 503 with Retry-After is retried no earlier than asked, with the same records',
      requirements: ['GEN-SEND-004', 'GEN-SEND-005'],
    },
    async (t) => {
      requireSends(t, sender);
      const { deliveryBoundMs } = t.env.capabilities.parameters;
      await t.env.mock(sender.peer).setFaults({
        rules: [
          {
            id: 'busy-once',
            interface: sender.interface,
            when: { calls: { from: 1, to: 1 } },
            action: { kind: 'status', status: 503, retryAfter: 1 },
          },
        ],
      });
      const issued = await sender.stimulate(t, sender.plan(3));
      const entries = await awaitSettled(t, sender, issued.keys, deliveryBoundMs + 2_000);
      t.record(checkRetryAfterHonoured(sender.peer, entries, sender.interface));
      t.record(checkResendIdentity(sender.peer, entries, sender.interface, sender.naturalKey));
    },
  );

  suite.test(
    {
      id: `${sender.ids}03`,
      title: 'transient failures are retried with the declared exponential backoff',
      requirements: ['GEN-SEND-003', 'GEN-SEND-005'],
    },
    async (t) => {
      requireSends(t, sender);
      const { deliveryBoundMs, retry } = t.env.capabilities.parameters;
      await t.env.mock(sender.peer).setFaults({
        rules: [
          {
            id: 'fail-three-times',
            interface: sender.interface,
            when: { calls: { from: 1, to: 3 } },
            action: { kind: 'status', status: 500 },
          },
        ],
      });
      const issued = await sender.stimulate(t, sender.plan(2));
      const entries = await awaitSettled(t, sender, issued.keys, deliveryBoundMs + retry.maxBackoffMs * 3);
      t.record(checkBackoffRespected(sender.peer, entries, sender.interface, retry));
      t.record(checkResendIdentity(sender.peer, entries, sender.interface, sender.naturalKey));
    },
  );

  suite.test(
    {
      id: `${sender.ids}04`,
      title: `a ${sender.peer} that never answers is abandoned within the declared timeout, then retried`,
      requirements: ['GEN-SEND-002', 'GEN-SEND-005'],
    },
    async (t) => {
      requireSends(t, sender);
      const { requestTimeoutMs, deliveryBoundMs } = t.env.capabilities.parameters;
      const tolerance = Math.max(250, requestTimeoutMs * 0.1);
      await t.env.mock(sender.peer).setFaults({
        rules: [
          {
            id: 'hang-first',
            interface: sender.interface,
            when: { calls: { from: 1, to: 1 } },
            action: { kind: 'hang' },
          },
        ],
      });
      const issued = await sender.stimulate(t, sender.plan(2));
      // The mock holds the first call; a conformant target lets go of it within its timeout.
      const entries = await awaitSettled(
        t,
        sender,
        issued.keys,
        requestTimeoutMs + tolerance + deliveryBoundMs,
      );
      t.record(
        checkTimeoutBound(
          sender.peer,
          entries,
          sender.interface,
          requestTimeoutMs,
          tolerance,
          Date.now(),
          t.schedulingDelay(),
        ),
      );
      t.record(checkResendIdentity(sender.peer, entries, sender.interface, sender.naturalKey));
    },
  );

  suite.test(
    {
      id: `${sender.ids}05`,
      title: 'a record that runs out of attempts becomes a dead letter, never waiting beyond maxBackoffMs',
      requirements: ['GEN-SEND-009', 'GEN-DLQ-001', 'GEN-SEND-012'],
    },
    async (t) => {
      requireSends(t, sender);
      const { retry, requestTimeoutMs } = t.env.capabilities.parameters;
      await t.env.mock(sender.peer).setFaults({
        rules: [
          { id: 'always-unavailable', interface: sender.interface, action: { kind: 'status', status: 503 } },
        ],
      });
      const issued = await sender.stimulate(t, sender.plan(1));
      const recordId = issued.recordIds[0];
      // The longest a conformant sender can take: every attempt's timeout plus every backoff.
      const budget = retry.maxAttempts * (requestTimeoutMs + retry.maxBackoffMs) + 1_000;
      // Concludes as soon as the verdict is certain: a dead letter, or more attempts than declared.
      const settled = await t.waitFor(
        'the record dead-lettered',
        async () => {
          const found = (await deadLetters(t, sender.interface)).find((l) => l.recordId === recordId);
          if (found) return { letter: found };
          const sent = recordAttempts(await peerEntries(t, sender), sender.interface).filter(
            (a) => a.recordId === recordId,
          );
          return sent.length > retry.maxAttempts ? { letter: undefined } : undefined;
        },
        { timeoutMs: budget, intervalMs: 100 },
      );
      const letter = settled?.letter;
      const entries = await peerEntries(t, sender);
      const attempts = recordAttempts(entries, sender.interface).filter(
        (a) => a.recordId === recordId,
      ).length;
      t.check(
        'GEN-SEND-009',
        letter?.reason === 'retries-exhausted' && attempts === retry.maxAttempts,
        letter
          ? `dead letter after ${attempts} attempt(s) (declared maxAttempts ${retry.maxAttempts}), reason ${letter.reason}`
          : `no dead letter after ${attempts} attempt(s) and ${budget} ms (declared maxAttempts ${retry.maxAttempts})`,
        [...t.latest('dead-letters'), ...refsOf(sender.peer, exchangesOf(entries, sender.interface))],
      );
      t.check(
        'GEN-DLQ-001',
        letter !== undefined && letter.attempts === attempts && typeof letter.lastError?.type === 'string',
        letter
          ? `dead letter records ${letter.attempts} attempt(s) and last error ${letter.lastError?.type}`
          : 'no dead letter to inspect',
        t.latest('dead-letters'),
      );
      // The waits grow to the ceiling here; one still open counts until now unless dead-lettered.
      t.record(
        checkBackoffCeiling(sender.peer, entries, sender.interface, {
          maxBackoffMs: retry.maxBackoffMs,
          toleranceMs: Math.max(250, retry.maxBackoffMs * 0.1),
          observedAtEpochMs: Date.now(),
          awaiting: new Set(letter || recordId === undefined ? [] : [recordId]),
          schedulingDelay: t.schedulingDelay(),
        }),
      );
    },
  );

  suite.test(
    {
      id: `${sender.ids}06`,
      title: 'an operator can re-drive a dead letter, which is re-sent with its recordId',
      requirements: ['GEN-DLQ-002'],
    },
    async (t) => {
      requireSends(t, sender);
      const { deliveryBoundMs } = t.env.capabilities.parameters;
      const peer = t.env.mock(sender.peer);
      const planned = sender.plan(1);
      await peer.setFaults({
        rules: [
          {
            id: 'reject-once',
            interface: sender.interface,
            times: 1,
            when: { records: { pointer: `/${sender.naturalKey}`, in: planned.map(sender.keyOf) } },
            action: { kind: 'reject-records', problem: PERMANENT_REJECTION },
          },
        ],
      });
      const issued = await sender.stimulate(t, planned);
      const recordId = issued.recordIds[0];
      const letter = await t.waitFor(
        'the dead letter',
        async () => (await deadLetters(t, sender.interface)).find((l) => l.recordId === recordId),
        {
          timeoutMs: deliveryBoundMs + 1_000,
        },
      );
      if (!letter) {
        t.check(
          'GEN-DLQ-002',
          false,
          'the rejected record never appeared among the dead letters, so it cannot be re-driven',
          t.latest('dead-letters'),
        );
        return;
      }
      const redrive = await t.env.sut.post(
        `/dead-letters/${encodeURIComponent(letter.id)}/redrive`,
        undefined,
        {
          interface: 'dead-letters',
          responseType: 'dead-letters/redrive-result',
        },
      );
      const entries = await awaitAccepted(t, sender, recordId, deliveryBoundMs + 1_000);
      const resent = recordAttempts(entries, sender.interface).filter((a) => a.recordId === recordId);
      t.check(
        'GEN-DLQ-002',
        redrive.status === 202 && resent.some((a) => a.outcome === 'accepted'),
        `re-drive answered ${redrive.status}; the record was sent ${resent.length} time(s) under its recordId, last answer ${resent.at(-1)?.outcome ?? 'none'}`,
        [{ ledger: 'suite', seq: redrive.entry.seq }],
      );
    },
  );
}

async function awaitAccepted(
  t: ConformanceTest,
  sender: SenderAdapter,
  recordId: string | undefined,
  timeoutMs: number,
) {
  const found = await t.waitFor(
    'the re-driven record accepted',
    async () => {
      const entries = await peerEntries(t, sender);
      return recordAttempts(entries, sender.interface).some(
        (a) => a.recordId === recordId && a.outcome === 'accepted',
      )
        ? entries
        : undefined;
    },
    { timeoutMs },
  );
  return found ?? peerEntries(t, sender);
}
