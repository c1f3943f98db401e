import {
  checkAcknowledgementsKept,
  checkDeadLettersKept,
  checkInFlightRedelivered,
} from '../../src/checks/check-crash-survival.ts';
import {
  checkBatchSize,
  checkReconciliationStable,
  checkRefusalDeadLettered,
  checkUnusableAnswerRetried,
  recordAttempts,
} from '../../src/checks/index.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { PERMANENT_REJECTION } from '../../src/conformance/profiles/problem-types.ts';
import { acceptedDigest, jstDate } from '../../src/reconciliation/accepted-digest.ts';
import { certificationAuthority } from './adapter.ts';
import {
  answerRef,
  awaitDeadLetters,
  awaitNothingPending,
  awaitSettled,
  certificateStatus,
  deadLetters,
  ISSUANCES,
  issueCertificates,
  issueWithThirdDeadLettered,
  jstToday,
  NATIONAL_CENTER,
  nationalCenterEntries,
  outcomesOf,
  planCertificates,
  postRevocations,
  REVOCATIONS,
  reconciliationReport,
  rejectSerials,
  revocationBatch,
  revocationOf,
  tooFewPlanned,
  UNKNOWN_SERIAL,
} from './ca-scenario.ts';

// What the certification authority owes after refusals, bad answers, crashes and a reset
// (INC-2004-JPKI, INC-2015-CARD, INC-2016-RELAY).
const suite = conformanceSuite(certificationAuthority);

suite.test(
  {
    id: 'CA-D01',
    title: 'a request refused as a whole with a 4xx dead-letters each of its records at once',
    requirements: ['GEN-SEND-010'],
  },
  async (t) => {
    await t.env.mock(NATIONAL_CENTER).setFaults({
      rules: [
        {
          id: 'refuse-first',
          interface: ISSUANCES,
          when: { calls: { from: 1, to: 1 } },
          action: { kind: 'status', status: 422, problem: PERMANENT_REJECTION },
        },
      ],
    });
    const issued = await issueCertificates(t, 3);
    // Settled once every record of a refused request is a dead letter, or one is sent again.
    await t.waitFor(
      'the refused records dead-lettered or re-sent',
      async () => {
        const attempts = recordAttempts(await nationalCenterEntries(t), ISSUANCES);
        // The fault answers with its problem's status (a 4xx), whichever it is.
        const refusedAs = (status: number | null) => status !== null && status >= 400 && status < 500;
        const refused = attempts.filter((a) => refusedAs(a.exchange.status)).map((a) => a.recordId);
        if (refused.length === 0) return undefined;
        if (attempts.some((a) => !refusedAs(a.exchange.status) && refused.includes(a.recordId))) return true;
        const letters = await deadLetters(t);
        return refused.every((id) => letters.some((l) => l.recordId === id)) ? true : undefined;
      },
      { timeoutMs: t.env.capabilities.parameters.deliveryBoundMs + 1_000 },
    );
    const letters = (await deadLetters(t)).filter((l) => issued.recordIds.includes(l.recordId));
    t.record(checkRefusalDeadLettered(NATIONAL_CENTER, await nationalCenterEntries(t), ISSUANCES, letters));
  },
);

suite.test(
  {
    id: 'CA-D02',
    title: 'an answer that is not a valid batch-result is a transient failure, never an acceptance',
    requirements: ['GEN-SEND-011'],
  },
  async (t) => {
    const { deliveryBoundMs, retry } = t.env.capabilities.parameters;
    await t.env.mock(NATIONAL_CENTER).setFaults({
      rules: [
        {
          id: 'garbage-first',
          interface: ISSUANCES,
          when: { calls: { from: 1, to: 1 } },
          action: { kind: 'garbage-body' },
        },
        {
          id: 'empty-second',
          interface: ISSUANCES,
          when: { calls: { from: 2, to: 2 } },
          action: { kind: 'empty-body' },
        },
      ],
    });
    const issued = await issueCertificates(t, 2);
    const entries = await awaitSettled(t, issued.serials, deliveryBoundMs + retry.maxBackoffMs * 2);
    t.record(checkUnusableAnswerRetried(NATIONAL_CENTER, entries, ISSUANCES));
  },
);

suite.test(
  {
    id: 'CA-D03',
    title: 'no request holds more records than the declared maxBatchSize',
    requirements: ['GEN-SEND-014'],
  },
  async (t) => {
    const { deliveryBoundMs, maxBatchSize } = t.env.capabilities.parameters;
    const issued = await issueCertificates(t, maxBatchSize + 1);
    const entries = await awaitSettled(t, issued.serials, deliveryBoundMs + 1_000);
    t.record(checkBatchSize(NATIONAL_CENTER, entries, ISSUANCES, maxBatchSize));
  },
);

suite.test(
  {
    id: 'CA-D04',
    title:
      'records in flight when the authority crashes are delivered after its restart, under the same recordIds',
    requirements: ['GEN-SEND-013'],
  },
  async (t) => {
    const target = t.control();
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    const nc = t.env.mock(NATIONAL_CENTER);
    // The mock holds the first batch unanswered: the crash comes while it is in flight.
    await nc.setFaults({
      rules: [{ id: 'hold-first', interface: ISSUANCES, times: 1, action: { kind: 'hang' } }],
    });
    const issued = await issueCertificates(t, 3);
    const held = await t.waitFor(
      'the first batch held',
      async () =>
        (await nc.ledgerEntries()).some((e) => e.kind === 'observation' && e.what === 'held-open')
          ? true
          : undefined,
      { timeoutMs: deliveryBoundMs },
    );
    if (!held) {
      t.check(
        'GEN-SEND-013',
        false,
        `the authority sent no notice within deliveryBoundMs ${deliveryBoundMs} ms, so nothing was in flight to crash`,
        t.latest('upper-tester'),
      );
      return;
    }
    await target.crashAndRestart();
    const entries = await awaitSettled(t, issued.serials, deliveryBoundMs + 1_000);
    t.apply(checkInFlightRedelivered, {
      ledger: NATIONAL_CENTER,
      entries,
      iface: ISSUANCES,
      naturalKey: 'serialNumber',
      sent: issued.serials.map((key, i) => ({ key, recordId: issued.recordIds[i] ?? '' })),
    });
  },
);

suite.test(
  {
    id: 'CA-D05',
    title: 'revocations answered accepted, dead letters and counts survive a crash right after the answer',
    requirements: ['GEN-ACK-001', 'GEN-ACK-002', 'GEN-IDEM-004', 'CA-REV-006', 'GEN-DLQ-003', 'GEN-REC-008'],
  },
  async (t) => {
    const target = t.control();
    const planned = planCertificates(3);
    await issueWithThirdDeadLettered(t, planned);
    const [first, second] = planned;
    if (!first || !second) throw tooFewPlanned();
    const records = [
      revocationOf(first),
      revocationOf(second, 'death'),
      revocationOf({ serialNumber: UNKNOWN_SERIAL, residentCode: first.residentCode }),
    ];
    const batch = revocationBatch(records);
    const answered = await postRevocations(t, batch);
    const outcomes = outcomesOf(answered);
    const statusBefore = await certificateStatus(t, first.serialNumber);
    const date = jstDate(records[0]?.recordedAt ?? new Date().toISOString());
    // Every answer the national center gave is taken in before the crash, so nothing may change.
    const before = await awaitNothingPending(t, date);
    const lettersBefore = await deadLetters(t);

    await target.crashAndRestart();

    const after = await reconciliationReport(t, date);
    const lettersAfter = await deadLetters(t);
    const statuses: Awaited<ReturnType<typeof certificateStatus>>[] = [];
    for (const record of records) statuses.push(await certificateStatus(t, record.serialNumber));
    const again = await postRevocations(t, { ...batch, batchId: crypto.randomUUID() });
    const againOutcomes = outcomesOf(again);

    if (before.report && after.report)
      t.record(
        checkReconciliationStable(before.report, after.report, [
          answerRef(before.answer),
          answerRef(after.answer),
        ]),
      );
    else
      t.check('GEN-REC-008', false, 'the authority gave no reconciliation report to compare', [
        answerRef(before.answer),
        answerRef(after.answer),
      ]);
    t.apply(checkDeadLettersKept, {
      before: lettersBefore,
      after: lettersAfter,
      answers: t.latest('dead-letters', 2),
    });
    const revokedBefore = statusBefore.body.status === 'revoked';
    const revokedAfter = statuses[0]?.body.status;
    const statusRefs = [
      answerRef(statusBefore.answer),
      ...statuses.slice(0, 1).map((s) => answerRef(s.answer)),
    ];
    if (revokedBefore)
      t.check(
        'CA-REV-006',
        revokedAfter === 'revoked',
        `answered revoked before the restart, ${revokedAfter ?? 'nothing'} after`,
        statusRefs,
      );
    else
      t.record({
        requirement: 'CA-REV-006',
        verdict: 'inconclusive',
        message: `the certificate was answered ${statusBefore.body.status ?? 'nothing'}, not revoked, before the restart`,
        evidence: statusRefs,
      });

    const acceptedIds = records.filter((_, i) => outcomes[i] === 'accepted').map((r) => r.recordId);
    const inbound = after.report?.entries.find(
      (e) => e.interface === REVOCATIONS && e.direction === 'inbound',
    );
    const counted = inbound?.acceptedDigest === acceptedDigest(acceptedIds);
    t.apply(checkAcknowledgementsKept, {
      records: records.map((record, i) => ({
        recordId: record.recordId,
        answered: outcomes[i],
        resent: againOutcomes[i],
        effect: statuses[i]?.body.status === 'revoked',
        seen: `certificate-status ${statuses[i]?.body.status ?? 'unanswered'}`,
        evidence: [
          answerRef(answered),
          ...(statuses[i] ? [answerRef(statuses[i].answer)] : []),
          answerRef(again),
        ],
      })),
      counted,
      reconciliation: answerRef(after.answer),
    });
  },
);

suite.test(
  {
    id: 'CA-D12',
    title: 'after a reset the authority reports nothing and sends nothing from before it',
    requirements: ['GEN-UT-007'],
  },
  async (t) => {
    if (t.env.capabilities.features?.reset !== true) t.notApplicable('the target declares no reset feature');
    const { deliveryBoundMs, retry } = t.env.capabilities.parameters;
    const nc = t.env.mock(NATIONAL_CENTER);
    const done = planCertificates(2);
    const held = planCertificates(2);
    await nc.setFaults({
      rules: [
        rejectSerials('reject-one', [done[1]?.serialNumber]),
        {
          id: 'hold-later',
          interface: ISSUANCES,
          when: { records: { pointer: '/serialNumber', in: held.map((c) => c.serialNumber) } },
          action: { kind: 'hang' },
        },
      ],
    });
    const before = await issueCertificates(t, done);
    await awaitSettled(t, before.serials, deliveryBoundMs + 1_000);
    await awaitDeadLetters(t, [before.recordIds[1]]);
    const pending = await issueCertificates(t, held);
    await t.waitFor(
      'the later notices held',
      async () =>
        (await nc.ledgerEntries()).some((e) => e.kind === 'observation' && e.what === 'held-open')
          ? true
          : undefined,
      { timeoutMs: deliveryBoundMs },
    );
    // The held call stays held; anything sent from now on is answered at once.
    await nc.clearFaults();
    const reset = await t.env.sut.post('/conformance/reset', undefined, { interface: 'upper-tester' });
    const resetDoneMs = Date.parse(reset.entry.at) + reset.entry.durationMs;
    const report = await reconciliationReport(t, jstToday());
    const letters = await t.env.sut.get('/dead-letters', {
      interface: 'dead-letters',
      responseType: 'dead-letters/list',
    });
    // A sender that kept pre-reset records sends them within its first backoff: watch that long.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(retry.maxBackoffMs, retry.initialBackoffMs * retry.multiplier) + 200),
    );
    const old = new Set([...before.recordIds, ...pending.recordIds]);
    const resent = recordAttempts(await nc.ledgerEntries(), ISSUANCES).filter(
      (a) => old.has(a.recordId) && Date.parse(a.exchange.at) >= resetDoneMs,
    );
    const nonZero = (report.report?.entries ?? []).filter(
      (e) => Object.values(e.counts).some((n) => n !== 0) || e.acceptedDigest !== acceptedDigest([]),
    );
    const items = (letters.body as { items?: unknown[] } | null)?.items ?? [];
    t.check(
      'GEN-UT-007',
      reset.status === 204 &&
        report.report !== null &&
        nonZero.length === 0 &&
        items.length === 0 &&
        resent.length === 0,
      `reset answered ${reset.status}; then ${nonZero.length} reconciliation entr${nonZero.length === 1 ? 'y' : 'ies'} not empty, ${items.length} dead letter(s), ${resent.length} pre-reset record(s) sent again`,
      [
        answerRef(reset),
        answerRef(report.answer),
        answerRef(letters),
        ...resent.slice(0, 3).map((a) => ({ ledger: NATIONAL_CENTER, seq: a.exchange.seq })),
      ],
    );
  },
);
