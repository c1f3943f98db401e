import {
  checkBatchSize,
  checkDeadLetterCount,
  checkDeadLettersLogged,
  checkFailedAttemptsLogged,
  checkLogCorrelation,
  checkNoPersonalData,
  checkNoSecrets,
  checkReconciliationBalance,
  checkReconciliationCounting,
  checkReconciliationStable,
  checkRefusalDeadLettered,
  checkUnusableAnswerRetried,
  countedFromWire,
  type Disclosure,
  recordAttempts,
} from '../../src/checks/index.ts';
import type { SutResponse } from '../../src/client/sut-client.ts';
import { type ConformanceTest, conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { TekigoHarnessError } from '../../src/errors.ts';
import type { LedgerEntry } from '../../src/evidence/ledger-entry.ts';
import { startMock } from '../../src/mocks/mock-runtime.ts';
import { acceptedDigest, jstDate } from '../../src/reconciliation/accepted-digest.ts';
import {
  awaitSettled,
  certificateStatus,
  type DeadLetter,
  deadLetters,
  ISSUANCES,
  issueCertificates,
  jstToday,
  markTargetLog,
  NATIONAL_CENTER,
  nationalCenterEntries,
  planCertificates,
  postRevocations,
  REVOCATIONS,
  reconciliationReport,
  revocationBatch,
  revocationOf,
  suiteEntriesSince,
  targetLogSince,
} from './ca-scenario.ts';

// What the certification authority owes after crashes, refusals and bad answers, and what its
// operator views (dead letters, reconciliation, logs) must say about it (INC-2004-JPKI,
// INC-2015-CARD, INC-2016-RELAY).
const suite = conformanceSuite({ role: 'certification-authority', peers: [NATIONAL_CENTER] });

const PERMANENT = { type: 'urn:tekigo:problem:unknown-resident', title: 'Unknown resident', status: 422 };
const NOT_LAUNCHED =
  'tekigo did not launch the target, so it can neither crash it nor read its log: run with --launch "CMD" or --target-file FILE to judge this';
const UNKNOWN_SERIAL = '00000000DEADBEEF';

const rejectSerials = (id: string, serials: readonly (string | undefined)[], times?: number) => ({
  id,
  interface: ISSUANCES,
  ...(times === undefined ? {} : { times }),
  when: { records: { pointer: '/serialNumber', in: serials } },
  action: { kind: 'reject-records', problem: PERMANENT },
});

/** Waits until the target holds a dead letter for each of these records; returns the list either way. */
async function awaitDeadLetters(
  t: ConformanceTest,
  recordIds: readonly (string | undefined)[],
): Promise<DeadLetter[]> {
  const found = await t.waitFor(
    'the dead letters',
    async () => {
      const letters = await deadLetters(t);
      return recordIds.every((id) => letters.some((l) => l.recordId === id)) ? letters : undefined;
    },
    { timeoutMs: t.env.capabilities.parameters.deliveryBoundMs + 1_000 },
  );
  return found ?? deadLetters(t);
}

/** Waits until the target's outbound counts for `date` have nothing pending; returns its last report. */
async function awaitNothingPending(
  t: ConformanceTest,
  date: string,
): Promise<Awaited<ReturnType<typeof reconciliationReport>>> {
  let last: Awaited<ReturnType<typeof reconciliationReport>> | undefined;
  await t.waitFor(
    'nothing pending',
    async () => {
      last = await reconciliationReport(t, date);
      const outbound = last.report?.entries.find((e) => e.direction === 'outbound');
      return outbound?.counts.pending === 0 ? true : undefined;
    },
    { timeoutMs: t.env.capabilities.parameters.deliveryBoundMs },
  );
  return last ?? reconciliationReport(t, date);
}

const outcomesOf = (answer: SutResponse): (string | undefined)[] =>
  ((answer.body as { results?: { outcome?: string }[] } | null)?.results ?? []).map((r) => r.outcome);

const ref = (answer: SutResponse) => ({ ledger: 'suite', seq: answer.entry.seq });

const tooFewPlanned = () =>
  new TekigoHarnessError('PLAN_TOO_SHORT', 'planCertificates returned fewer certificates than asked for');

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
          action: { kind: 'status', status: 422, problem: PERMANENT },
        },
      ],
    });
    const issued = await issueCertificates(t, 3);
    // Settled once every record of a refused request is a dead letter, or one is sent again.
    await t.waitFor(
      'the refused records dead-lettered or re-sent',
      async () => {
        const attempts = recordAttempts(await nationalCenterEntries(t), ISSUANCES);
        const refused = attempts.filter((a) => a.exchange.status === 422).map((a) => a.recordId);
        if (refused.length === 0) return undefined;
        if (attempts.some((a) => a.exchange.status !== 422 && refused.includes(a.recordId))) return true;
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
    if (!t.env.party) t.notApplicable(NOT_LAUNCHED);
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
      );
      return;
    }
    await t.env.crashAndRestart();
    const entries = await awaitSettled(t, issued.serials, deliveryBoundMs + 1_000);
    const accepted = recordAttempts(entries, ISSUANCES).filter(
      (a) => a.outcome === 'accepted' || a.outcome === 'duplicate',
    );
    issued.serials.forEach((serial, i) => {
      const recordId = issued.recordIds[i];
      const delivered = accepted.filter((a) => a.record.serialNumber === serial);
      const ids = [...new Set(delivered.map((a) => a.recordId))];
      t.check(
        'GEN-SEND-013',
        ids.length === 1 && ids[0] === recordId,
        delivered.length === 0
          ? `the notice of ${serial} (recordId ${recordId}) was never delivered after the restart`
          : ids.length === 1 && ids[0] === recordId
            ? `the notice of ${serial} was delivered after the restart under its recordId ${recordId}`
            : `the notice of ${serial} was delivered under ${ids.join(', ')}, not its recordId ${recordId}`,
        delivered.slice(0, 3).map((a) => ({ ledger: NATIONAL_CENTER, seq: a.exchange.seq })),
      );
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
    if (!t.env.party) t.notApplicable(NOT_LAUNCHED);
    const planned = planCertificates(3);
    await t.env
      .mock(NATIONAL_CENTER)
      .setFaults({ rules: [rejectSerials('reject-third', [planned[2]?.serialNumber])] });
    const issued = await issueCertificates(t, planned);
    await awaitSettled(t, issued.serials, t.env.capabilities.parameters.deliveryBoundMs + 1_000);
    await awaitDeadLetters(t, [issued.recordIds[2]]);
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

    await t.env.crashAndRestart();

    const after = await reconciliationReport(t, date);
    const lettersAfter = await deadLetters(t);
    const statuses: Awaited<ReturnType<typeof certificateStatus>>[] = [];
    for (const record of records) statuses.push(await certificateStatus(t, record.serialNumber));
    const again = await postRevocations(t, { ...batch, batchId: crypto.randomUUID() });
    const againOutcomes = outcomesOf(again);

    if (before.report && after.report)
      t.record(
        checkReconciliationStable(before.report, after.report, [ref(before.answer), ref(after.answer)]),
      );
    else
      t.check('GEN-REC-008', false, 'the authority gave no reconciliation report to compare', [
        ref(before.answer),
        ref(after.answer),
      ]);
    const lettersSame = JSON.stringify(lettersAfter) === JSON.stringify(lettersBefore);
    t.check(
      'GEN-DLQ-003',
      lettersBefore.length > 0 && lettersSame,
      lettersSame
        ? `${lettersBefore.length} dead letter(s) listed the same after the restart`
        : `${lettersBefore.length} dead letter(s) before the restart, ${lettersAfter.length} after, and they differ`,
    );
    const revokedBefore = statusBefore.body.status === 'revoked';
    const revokedAfter = statuses[0]?.body.status;
    const statusRefs = [ref(statusBefore.answer), ...statuses.slice(0, 1).map((s) => ref(s.answer))];
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
    records.forEach((record, i) => {
      const status = statuses[i]?.body.status;
      const evidence = [ref(answered), ...(statuses[i] ? [ref(statuses[i].answer)] : []), ref(again)];
      if (outcomes[i] === 'accepted') {
        t.check(
          'GEN-ACK-001',
          status === 'revoked' && counted,
          `revocation ${record.recordId} answered accepted before the crash: certificate-status ${status ?? 'nothing'} after it, ${counted ? 'counted' : 'not counted as accepted'} in the inbound reconciliation`,
          [...evidence, ref(after.answer)],
        );
        t.check(
          'GEN-IDEM-004',
          againOutcomes[i] === 'duplicate',
          `revocation ${record.recordId}, accepted before the crash, re-sent after it: ${againOutcomes[i] ?? 'no result'}`,
          evidence,
        );
      }
      // Held completely (effect and receipt) or not at all; what was answered accepted, completely.
      const effect = status === 'revoked';
      const receipt = againOutcomes[i] === 'duplicate';
      t.check(
        'GEN-ACK-002',
        effect === receipt && (outcomes[i] !== 'accepted' || effect),
        `revocation ${record.recordId} (answered ${outcomes[i] ?? 'nothing'}): after the crash the certificate is ${status ?? 'unanswered'} and a re-send is answered ${againOutcomes[i] ?? 'nothing'}`,
        evidence,
      );
    });
  },
);

suite.test(
  {
    id: 'CA-D06',
    title:
      'reconciliation counts each record on its Japan-time day, adds up, and reflects each decision at once',
    requirements: ['GEN-REC-003', 'GEN-REC-004', 'GEN-REC-005', 'GEN-REC-006'],
  },
  async (t) => {
    const planned = planCertificates(4);
    await t.env.mock(NATIONAL_CENTER).setFaults({
      rules: [
        // Stored, but the answer is cut short: the re-send is answered duplicate.
        {
          id: 'cut-first',
          interface: ISSUANCES,
          when: { calls: { from: 1, to: 1 } },
          action: { kind: 'truncate', bytes: 10 },
        },
        rejectSerials('reject-fourth', [planned[3]?.serialNumber]),
      ],
    });
    const issued = await issueCertificates(t, planned);
    const entries = await awaitSettled(
      t,
      issued.serials,
      t.env.capabilities.parameters.deliveryBoundMs + 1_000,
    );
    const sent = countedFromWire(entries, ISSUANCES);
    const today = jstDate(sent[0]?.recordedAt ?? new Date().toISOString());
    await awaitNothingPending(t, today);

    // Two revocations either side of midnight in Japan, and one for an unknown serial.
    const midnight = Date.parse(`${today}T00:00:00+09:00`);
    const [first, second] = planned;
    if (!first || !second) throw tooFewPlanned();
    const atMidnight = { ...revocationOf(first), recordedAt: new Date(midnight).toISOString() };
    const justBefore = { ...revocationOf(second), recordedAt: new Date(midnight - 1).toISOString() };
    const unknown = {
      ...revocationOf({ serialNumber: UNKNOWN_SERIAL, residentCode: first.residentCode }),
      recordedAt: new Date(midnight).toISOString(),
    };
    const records = [atMidnight, justBefore, unknown];
    const answered = await postRevocations(t, revocationBatch(records));
    const decided = await reconciliationReport(t, today);
    const outcomes = outcomesOf(answered);
    const inbound = records.map((r, i) => ({
      recordId: r.recordId,
      recordedAt: r.recordedAt,
      accepted: outcomes[i] === 'accepted',
    }));
    const todays = inbound.filter((r) => jstDate(r.recordedAt) === today);
    const entry = decided.report?.entries.find(
      (e) => e.interface === REVOCATIONS && e.direction === 'inbound',
    );
    const reflected =
      entry?.counts.total === todays.length &&
      entry.acceptedDigest === acceptedDigest(todays.filter((r) => r.accepted).map((r) => r.recordId));
    t.check(
      'GEN-REC-006',
      reflected,
      `right after the revocation answer, the inbound entry for ${today} counts ${entry?.counts.total ?? 'nothing'} record(s) (${todays.length} decided)${reflected ? ' with their digest' : ''}`,
      [ref(answered), ref(decided.answer)],
    );

    const duplicate = await postRevocations(t, revocationBatch([atMidnight]));
    const reports = [
      await reconciliationReport(t, today),
      await reconciliationReport(t, jstDate(justBefore.recordedAt)),
    ];
    const [current, previous] = reports;
    const evidence = [ref(answered), ref(duplicate), ...reports.map((r) => ref(r.answer))];
    if (!current?.report || !previous?.report) {
      t.check('GEN-REC-003', false, 'the authority gave no reconciliation report', evidence);
      return;
    }
    t.record(
      checkReconciliationCounting(current.report, ISSUANCES, 'outbound', today, sent, evidence),
      checkReconciliationCounting(current.report, REVOCATIONS, 'inbound', today, inbound, evidence),
      checkReconciliationCounting(
        previous.report,
        REVOCATIONS,
        'inbound',
        jstDate(justBefore.recordedAt),
        inbound,
        evidence,
      ),
      ...checkReconciliationBalance(current.report, evidence),
    );
  },
);

suite.test(
  {
    id: 'CA-D07',
    title: 'a reconciliation query with a malformed date or an unknown peer is refused naming the parameter',
    requirements: ['GEN-REC-007'],
  },
  async (t) => {
    const cases = [
      { what: 'an impossible date', query: `date=2026-02-30&peer=${NATIONAL_CENTER}`, parameter: 'date' },
      { what: 'a date that is not a date', query: `date=today&peer=${NATIONAL_CENTER}`, parameter: 'date' },
      { what: 'a misspelt peer', query: `date=${jstToday()}&peer=national-centre`, parameter: 'peer' },
    ];
    for (const c of cases) {
      const answer = await t.env.sut.get(`/reconciliation?${c.query}`, { interface: 'reconciliation' });
      const problem = answer.body as {
        detail?: string;
        errors?: { pointer?: string; detail?: string }[];
      } | null;
      const named = JSON.stringify([problem?.errors ?? [], problem?.detail ?? '']).includes(c.parameter);
      t.check(
        'GEN-REC-007',
        answer.status === 400 && named,
        `${c.what}: answered ${answer.status}${answer.status === 400 ? (named ? ` naming ${c.parameter}` : ` without naming ${c.parameter}`) : ''}`,
        [ref(answer)],
      );
    }
  },
);

suite.test(
  {
    id: 'CA-D08',
    title: 'dead letters: the interface filter, an unknown re-drive id, and the deadLettered count',
    requirements: ['GEN-DLQ-004', 'GEN-DLQ-005', 'GEN-DLQ-007'],
  },
  async (t) => {
    const planned = planCertificates(3);
    await t.env.mock(NATIONAL_CENTER).setFaults({
      rules: [
        rejectSerials('reject-first-once', [planned[0]?.serialNumber], 1),
        rejectSerials('reject-second', [planned[1]?.serialNumber]),
      ],
    });
    const issued = await issueCertificates(t, planned);
    await awaitSettled(t, issued.serials, t.env.capabilities.parameters.deliveryBoundMs + 1_000);
    const letters = await awaitDeadLetters(t, issued.recordIds.slice(0, 2));
    // One letter re-driven (and then accepted), one left dead.
    const redriven = letters.find((l) => l.recordId === issued.recordIds[0]);
    if (redriven)
      await t.env.sut.post(`/dead-letters/${encodeURIComponent(redriven.id)}/redrive`, undefined, {
        interface: 'dead-letters',
        responseType: 'dead-letters/redrive-result',
      });
    const sent = countedFromWire(await nationalCenterEntries(t), ISSUANCES);
    const today = jstDate(sent[0]?.recordedAt ?? new Date().toISOString());
    const settled = await awaitNothingPending(t, today);

    const list = (query: string) =>
      t.env.sut.get(`/dead-letters${query}`, {
        interface: 'dead-letters',
        responseType: 'dead-letters/list',
      });
    const itemsOf = (answer: SutResponse) => (answer.body as { items?: DeadLetter[] } | null)?.items ?? [];
    const all = await list('');
    for (const name of [ISSUANCES, REVOCATIONS]) {
      const filtered = await list(`?interface=${name}`);
      const expected = itemsOf(all)
        .filter((l) => l.interface === name)
        .map((l) => l.id)
        .sort();
      const got = itemsOf(filtered)
        .map((l) => l.id)
        .sort();
      t.check(
        'GEN-DLQ-007',
        filtered.status === 200 && JSON.stringify(got) === JSON.stringify(expected),
        `?interface=${name} lists ${got.length} dead letter(s); ${expected.length} of all ${itemsOf(all).length} are of that interface`,
        [ref(all), ref(filtered)],
      );
    }
    if (settled.report)
      t.record(
        checkDeadLetterCount(settled.report, ISSUANCES, today, itemsOf(all), sent, [
          ref(settled.answer),
          ref(all),
        ]),
      );
    else t.check('GEN-DLQ-004', false, 'the authority gave no reconciliation report', [ref(settled.answer)]);

    const unknown = await t.env.sut.post(`/dead-letters/${crypto.randomUUID()}/redrive`, undefined, {
      interface: 'dead-letters',
    });
    const allAfter = await list('');
    const reportAfter = await reconciliationReport(t, today);
    const isProblem = (unknown.headers['content-type'] ?? '').startsWith('application/problem+json');
    const unchanged =
      JSON.stringify(itemsOf(allAfter)) === JSON.stringify(itemsOf(all)) &&
      JSON.stringify(reportAfter.report?.entries) === JSON.stringify(settled.report?.entries);
    t.check(
      'GEN-DLQ-005',
      unknown.status === 404 && isProblem && unchanged,
      `re-drive of an unknown id answered ${unknown.status}${isProblem ? ' with a problem' : ' without a problem'}; dead letters and counts ${unchanged ? 'unchanged' : 'changed'}`,
      [ref(unknown), ref(all), ref(allAfter), ref(reportAfter.answer)],
    );
  },
);

suite.test(
  {
    id: 'CA-D09',
    title: 'failed attempts and dead letters are logged, each under the correlation id of its request',
    requirements: ['GEN-OBS-005', 'GEN-OBS-006', 'GEN-DLQ-006'],
  },
  async (t) => {
    if (!t.env.party) t.notApplicable(NOT_LAUNCHED);
    const mark = markTargetLog(t);
    const planned = planCertificates(3);
    await t.env.mock(NATIONAL_CENTER).setFaults({
      rules: [
        {
          id: 'unavailable-first',
          interface: ISSUANCES,
          when: { calls: { from: 1, to: 1 } },
          action: {
            kind: 'status',
            status: 503,
            problem: { type: 'urn:tekigo:problem:unavailable', title: 'Unavailable' },
          },
        },
        {
          id: 'reset-second',
          interface: ISSUANCES,
          when: { calls: { from: 2, to: 2 } },
          action: { kind: 'reset' },
        },
        rejectSerials('reject-third', [planned[2]?.serialNumber]),
      ],
    });
    const issued = await issueCertificates(t, planned);
    const { deliveryBoundMs, retry } = t.env.capabilities.parameters;
    await awaitSettled(t, issued.serials, deliveryBoundMs + retry.maxBackoffMs * 2);
    const letters = (await awaitDeadLetters(t, [issued.recordIds[2]])).filter((l) =>
      issued.recordIds.includes(l.recordId),
    );
    const log = await targetLogSince(t, mark);
    const entries = await nationalCenterEntries(t);
    t.record(
      checkLogCorrelation(log, { suite: suiteEntriesSince(t, mark), [NATIONAL_CENTER]: entries }),
      checkFailedAttemptsLogged(log, NATIONAL_CENTER, entries, ISSUANCES, NATIONAL_CENTER),
      checkDeadLettersLogged(log, letters, NATIONAL_CENTER, entries, ISSUANCES),
    );
  },
);

suite.test(
  {
    id: 'CA-D10',
    title: 'logs hold no personal data; logs, errors, health and capabilities hold no secrets',
    requirements: ['GEN-SEC-007', 'GEN-SEC-010'],
  },
  async (t) => {
    if (!t.env.party) t.notApplicable(NOT_LAUNCHED);
    const mark = markTargetLog(t);
    const planned = planCertificates(3);
    const [first] = planned;
    if (!first) throw tooFewPlanned();
    await t.env
      .mock(NATIONAL_CENTER)
      .setFaults({ rules: [rejectSerials('reject-third', [planned[2]?.serialNumber])] });
    const issued = await issueCertificates(t, planned);
    await awaitSettled(t, issued.serials, t.env.capabilities.parameters.deliveryBoundMs + 1_000);
    await awaitDeadLetters(t, [issued.recordIds[2]]);
    // A credential only the suite knows, on every request: it must surface nowhere.
    const canary = `tekigo-canary-${crypto.randomUUID()}`;
    const headers = { authorization: `Bearer ${canary}`, cookie: `session=${canary}` };
    const probes: { source: string; answer: SutResponse }[] = [
      { source: 'health', answer: await t.env.sut.get('/health', { interface: 'health', headers }) },
      {
        source: 'capabilities',
        answer: await t.env.sut.get('/conformance/capabilities', { interface: 'upper-tester', headers }),
      },
      {
        source: 'a validation error',
        answer: await postRevocations(
          t,
          revocationBatch([{ ...revocationOf(first), reason: 'boredom' }]),
          headers,
        ),
      },
      { source: 'a not-found error', answer: await t.env.sut.get('/no-such-path', { headers }) },
      {
        source: 'an unknown dead letter',
        answer: await t.env.sut.post(`/dead-letters/${crypto.randomUUID()}/redrive`, undefined, {
          interface: 'dead-letters',
          headers,
        }),
      },
    ];
    const log = await targetLogSince(t, mark);
    t.record(
      checkNoPersonalData(
        log,
        planned.map((c) => c.items),
      ),
    );
    const disclosures: Disclosure[] = [
      ...(log.ref ? [{ source: 'the log', text: log.lines.join('\n'), ref: log.ref }] : []),
      ...probes.map((p) => ({ source: p.source, text: JSON.stringify(p.answer.body), ref: ref(p.answer) })),
    ];
    t.record(checkNoSecrets(disclosures, [canary]));
  },
);

suite.test(
  {
    id: 'CA-D11',
    title: 'after PUT /conformance/peers the authority sends to the new base URL',
    requirements: ['GEN-UT-004'],
  },
  async (t) => {
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    const original = t.env.mock(NATIONAL_CENTER);
    // A second national center, recording into the suite's ledger.
    const moved = await startMock({
      role: NATIONAL_CENTER,
      validate: t.env.spec.validate,
      ledger: t.env.ledger,
    });
    const peers = (url: string) =>
      t.env.sut.put(
        '/conformance/peers',
        { peers: { [NATIONAL_CENTER]: { baseUrl: url } } },
        {
          interface: 'upper-tester',
          requestType: 'upper-tester/peers',
        },
      );
    try {
      const since = t.env.ledger.lastSeq;
      const repointed = await peers(moved.url);
      const issued = await issueCertificates(t, 2);
      const arrived = (entries: readonly LedgerEntry[]) =>
        new Set(
          recordAttempts(entries, ISSUANCES)
            .filter((a) => a.outcome !== null)
            .map((a) => String(a.record.serialNumber)),
        );
      await t.waitFor(
        'the notices at the new base URL',
        async () =>
          issued.serials.every((s) => arrived(t.env.ledger.since(since)).has(s)) ? true : undefined,
        { timeoutMs: deliveryBoundMs + 1_000 },
      );
      const atMoved = arrived(t.env.ledger.since(since));
      const atOriginal = arrived(await original.ledgerEntries());
      const exchanges = t.env.ledger
        .since(since)
        .filter((e) => e.kind === 'exchange' && e.interface === ISSUANCES);
      t.check(
        'GEN-UT-004',
        repointed.status === 204 && issued.serials.every((s) => atMoved.has(s)) && atOriginal.size === 0,
        `after PUT /conformance/peers answered ${repointed.status}: ${issued.serials.filter((s) => atMoved.has(s)).length} of ${issued.serials.length} notice(s) reached the new base URL, ${atOriginal.size} the old one`,
        [ref(repointed), ...exchanges.slice(0, 3).map((e) => ({ ledger: 'suite', seq: e.seq }))],
      );
    } finally {
      await peers(original.url);
      await moved.stop();
    }
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
        ref(reset),
        ref(report.answer),
        ref(letters),
        ...resent.slice(0, 3).map((a) => ({ ledger: NATIONAL_CENTER, seq: a.exchange.seq })),
      ],
    );
  },
);
