import {
  checkBackoffCeiling,
  checkBackoffRespected,
  checkDeliveredWithin,
  checkNoResendAfterRejection,
  checkResendIdentity,
  checkRetryAfterHonoured,
  checkSentMessagesValid,
  checkTimeoutBound,
  recordAttempts,
} from '../../src/checks/index.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import {
  awaitSettled,
  deadLetters,
  ISSUANCES,
  issueCertificates,
  NATIONAL_CENTER,
  nationalCenterEntries,
  planCertificates,
} from './ca-scenario.ts';

// How the certification authority sends when the national center misbehaves (INC-2004-JPKI).
const suite = conformanceSuite({ role: 'certification-authority', peers: [NATIONAL_CENTER] });

const PERMANENT = { type: 'urn:tekigo:problem:unknown-resident', title: 'Unknown resident', status: 422 };

suite.test(
  {
    id: 'CA-S01',
    title: 'one permanently rejected notice among 100 does not hold back the other 99',
    requirements: ['GEN-SEND-001', 'GEN-SEND-006', 'GEN-SEND-007', 'GEN-SEND-008', 'GEN-DLQ-001'],
  },
  async (t) => {
    const { deliveryBoundMs, retry } = t.env.capabilities.parameters;
    const nc = t.env.mock(NATIONAL_CENTER);
    const planned = planCertificates(100);
    const poisoned = planned[36]?.serialNumber;
    await nc.setFaults({
      rules: [
        {
          id: 'reject-37th',
          interface: ISSUANCES,
          when: { records: { pointer: '/serialNumber', in: [poisoned] } },
          action: { kind: 'reject-records', problem: PERMANENT },
        },
      ],
    });
    const issued = await issueCertificates(t, planned);
    const others = issued.serials.filter((s) => s !== poisoned);
    await awaitSettled(t, issued.serials, deliveryBoundMs + 1_000);
    // A sender that wrongly retries the rejected record does so within its backoff: watch that long.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(retry.maxBackoffMs, retry.initialBackoffMs * retry.multiplier) + 200),
    );
    const entries = await nationalCenterEntries(t);
    t.record(checkSentMessagesValid(NATIONAL_CENTER, entries, ISSUANCES));
    t.record(
      checkDeliveredWithin(NATIONAL_CENTER, entries, ISSUANCES, {
        requirement: 'GEN-SEND-007',
        keys: others,
        naturalKey: 'serialNumber',
        sinceEpochMs: issued.sinceEpochMs,
        boundMs: deliveryBoundMs,
      }),
    );
    t.record(checkNoResendAfterRejection(NATIONAL_CENTER, entries, ISSUANCES));
    const poisonedId = issued.recordIds[36];
    const letters = await deadLetters(t);
    const ours = letters.filter((l) => issued.recordIds.includes(l.recordId));
    const letter = ours.find((l) => l.recordId === poisonedId);
    t.check(
      'GEN-SEND-006',
      letter !== undefined && letter.reason === 'rejected' && letter.attempts === 1,
      letter
        ? `the rejected record is a dead letter (reason ${letter.reason}, ${letter.attempts} attempt(s))`
        : 'the rejected record is not among the dead letters',
    );
    t.check(
      'GEN-DLQ-001',
      ours.length === 1 && letter?.lastError?.type === PERMANENT.type,
      `dead letters hold ${ours.length} of this test's records${letter ? `, last error ${letter.lastError?.type}` : ''} (expected exactly the rejected one, with its problem)`,
    );
    const accepted = new Set(
      recordAttempts(entries, ISSUANCES)
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
    );
  },
);

suite.test(
  {
    id: 'CA-S02',
    title: 'a 503 with Retry-After is retried no earlier than asked, with the same records',
    requirements: ['GEN-SEND-004', 'GEN-SEND-005'],
  },
  async (t) => {
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    await t.env.mock(NATIONAL_CENTER).setFaults({
      rules: [
        {
          id: 'busy-once',
          interface: ISSUANCES,
          when: { calls: { from: 1, to: 1 } },
          action: { kind: 'status', status: 503, retryAfter: 1 },
        },
      ],
    });
    const issued = await issueCertificates(t, 3);
    const entries = await awaitSettled(t, issued.serials, deliveryBoundMs + 2_000);
    t.record(checkRetryAfterHonoured(NATIONAL_CENTER, entries, ISSUANCES));
    t.record(checkResendIdentity(NATIONAL_CENTER, entries, ISSUANCES, 'serialNumber'));
  },
);

suite.test(
  {
    id: 'CA-S03',
    title: 'transient failures are retried with the declared exponential backoff',
    requirements: ['GEN-SEND-003', 'GEN-SEND-005'],
  },
  async (t) => {
    const { deliveryBoundMs, retry } = t.env.capabilities.parameters;
    await t.env.mock(NATIONAL_CENTER).setFaults({
      rules: [
        {
          id: 'fail-three-times',
          interface: ISSUANCES,
          when: { calls: { from: 1, to: 3 } },
          action: { kind: 'status', status: 500 },
        },
      ],
    });
    const issued = await issueCertificates(t, 2);
    const entries = await awaitSettled(t, issued.serials, deliveryBoundMs + retry.maxBackoffMs * 3);
    t.record(checkBackoffRespected(NATIONAL_CENTER, entries, ISSUANCES, retry));
    t.record(checkResendIdentity(NATIONAL_CENTER, entries, ISSUANCES, 'serialNumber'));
  },
);

suite.test(
  {
    id: 'CA-S04',
    title: 'a national center that never answers is abandoned within the declared timeout, then retried',
    requirements: ['GEN-SEND-002', 'GEN-SEND-005'],
  },
  async (t) => {
    const { requestTimeoutMs, deliveryBoundMs } = t.env.capabilities.parameters;
    const tolerance = Math.max(250, requestTimeoutMs * 0.1);
    await t.env.mock(NATIONAL_CENTER).setFaults({
      rules: [
        {
          id: 'hang-first',
          interface: ISSUANCES,
          when: { calls: { from: 1, to: 1 } },
          action: { kind: 'hang' },
        },
      ],
    });
    const issued = await issueCertificates(t, 2);
    // The mock holds the first call; a conformant target lets go of it within its timeout.
    const entries = await awaitSettled(t, issued.serials, requestTimeoutMs + tolerance + deliveryBoundMs);
    t.record(checkTimeoutBound(NATIONAL_CENTER, entries, ISSUANCES, requestTimeoutMs, tolerance, Date.now()));
    t.record(checkResendIdentity(NATIONAL_CENTER, entries, ISSUANCES, 'serialNumber'));
  },
);

suite.test(
  {
    id: 'CA-S05',
    title: 'a record that runs out of attempts becomes a dead letter, never waiting beyond maxBackoffMs',
    requirements: ['GEN-SEND-009', 'GEN-DLQ-001', 'GEN-SEND-012'],
  },
  async (t) => {
    const { retry, requestTimeoutMs } = t.env.capabilities.parameters;
    await t.env.mock(NATIONAL_CENTER).setFaults({
      rules: [{ id: 'always-unavailable', interface: ISSUANCES, action: { kind: 'status', status: 503 } }],
    });
    const issued = await issueCertificates(t, 1);
    const recordId = issued.recordIds[0];
    // The longest a conformant sender can take: every attempt's timeout plus every backoff.
    const budget = retry.maxAttempts * (requestTimeoutMs + retry.maxBackoffMs) + 1_000;
    const letter = await t.waitFor(
      'the record dead-lettered',
      async () => (await deadLetters(t)).find((l) => l.recordId === recordId),
      { timeoutMs: budget, intervalMs: 100 },
    );
    const entries = await nationalCenterEntries(t);
    const attempts = recordAttempts(entries, ISSUANCES).filter((a) => a.recordId === recordId).length;
    t.check(
      'GEN-SEND-009',
      letter?.reason === 'retries-exhausted' && attempts === retry.maxAttempts,
      letter
        ? `dead letter after ${attempts} attempt(s) (declared maxAttempts ${retry.maxAttempts}), reason ${letter.reason}`
        : `no dead letter after ${attempts} attempt(s) and ${budget} ms (declared maxAttempts ${retry.maxAttempts})`,
    );
    t.check(
      'GEN-DLQ-001',
      letter !== undefined && letter.attempts === attempts && typeof letter.lastError?.type === 'string',
      letter
        ? `dead letter records ${letter.attempts} attempt(s) and last error ${letter.lastError?.type}`
        : 'no dead letter to inspect',
    );
    // The waits grow to the ceiling here; one still open counts until now unless dead-lettered.
    t.record(
      checkBackoffCeiling(NATIONAL_CENTER, entries, ISSUANCES, {
        maxBackoffMs: retry.maxBackoffMs,
        toleranceMs: Math.max(250, retry.maxBackoffMs * 0.1),
        observedAtEpochMs: Date.now(),
        awaiting: new Set(letter || recordId === undefined ? [] : [recordId]),
      }),
    );
  },
);

suite.test(
  {
    id: 'CA-S06',
    title: 'an operator can re-drive a dead letter, which is re-sent with its recordId',
    requirements: ['GEN-DLQ-002'],
  },
  async (t) => {
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    const nc = t.env.mock(NATIONAL_CENTER);
    const planned = planCertificates(1);
    await nc.setFaults({
      rules: [
        {
          id: 'reject-once',
          interface: ISSUANCES,
          times: 1,
          when: { records: { pointer: '/serialNumber', in: [planned[0]?.serialNumber] } },
          action: { kind: 'reject-records', problem: PERMANENT },
        },
      ],
    });
    const issued = await issueCertificates(t, planned);
    const recordId = issued.recordIds[0];
    const letter = await t.waitFor(
      'the dead letter',
      async () => (await deadLetters(t)).find((l) => l.recordId === recordId),
      {
        timeoutMs: deliveryBoundMs + 1_000,
      },
    );
    if (!letter) {
      t.check(
        'GEN-DLQ-002',
        false,
        'the rejected record never appeared among the dead letters, so it cannot be re-driven',
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
    const entries = await awaitSettledAccepted(t, recordId, deliveryBoundMs + 1_000);
    const resent = recordAttempts(entries, ISSUANCES).filter((a) => a.recordId === recordId);
    t.check(
      'GEN-DLQ-002',
      redrive.status === 202 && resent.some((a) => a.outcome === 'accepted'),
      `re-drive answered ${redrive.status}; the record was sent ${resent.length} time(s) under its recordId, last answer ${resent.at(-1)?.outcome ?? 'none'}`,
      [{ ledger: 'suite', seq: redrive.entry.seq }],
    );
  },
);

async function awaitSettledAccepted(
  t: Parameters<typeof issueCertificates>[0],
  recordId: string | undefined,
  timeoutMs: number,
) {
  const found = await t.waitFor(
    'the re-driven record accepted',
    async () => {
      const entries = await nationalCenterEntries(t);
      return recordAttempts(entries, ISSUANCES).some(
        (a) => a.recordId === recordId && a.outcome === 'accepted',
      )
        ? entries
        : undefined;
    },
    { timeoutMs },
  );
  return found ?? nationalCenterEntries(t);
}
