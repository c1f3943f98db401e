import {
  checkDeadLetterCount,
  checkDeadLettersLogged,
  checkFailedAttemptsLogged,
  checkLogCorrelation,
  checkNoPersonalData,
  checkNoSecrets,
  checkReconciliationBalance,
  checkReconciliationCounting,
  countedFromWire,
  type Disclosure,
  recordAttempts,
} from '../../src/checks/index.ts';
import type { SutResponse } from '../../src/client/sut-client.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { problemUri } from '../../src/conformance/profiles/problem-types.ts';
import { judgeReconciliationQueryRefusals } from '../../src/conformance/profiles/reconciliation/reconciliation-query-refusals.ts';
import type { LedgerEntry } from '../../src/evidence/ledger-entry.ts';
import { acceptedDigest, jstDate } from '../../src/reconciliation/accepted-digest.ts';
import { certificationAuthority } from './adapter.ts';
import {
  answerRef,
  awaitDeadLetters,
  awaitNothingPending,
  awaitSettled,
  type DeadLetter,
  ISSUANCES,
  issueCertificates,
  issueWithThirdDeadLettered,
  markTargetLog,
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
  suiteEntriesSince,
  targetLogSince,
  tooFewPlanned,
  UNKNOWN_SERIAL,
} from './ca-scenario.ts';

// What the certification authority's operator views (reconciliation, dead letters, logs) must
// say, and where it sends after its peers are re-pointed (INC-2004-JPKI, INC-2016-RELAY).
const suite = conformanceSuite(certificationAuthority);

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
      [answerRef(answered), answerRef(decided.answer)],
    );

    const duplicate = await postRevocations(t, revocationBatch([atMidnight]));
    const reports = [
      await reconciliationReport(t, today),
      await reconciliationReport(t, jstDate(justBefore.recordedAt)),
    ];
    const [current, previous] = reports;
    const evidence = [answerRef(answered), answerRef(duplicate), ...reports.map((r) => answerRef(r.answer))];
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
  (t) => judgeReconciliationQueryRefusals(t, NATIONAL_CENTER),
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
        [answerRef(all), answerRef(filtered)],
      );
    }
    if (settled.report)
      t.record(
        checkDeadLetterCount(settled.report, ISSUANCES, today, itemsOf(all), sent, [
          answerRef(settled.answer),
          answerRef(all),
        ]),
      );
    else
      t.check('GEN-DLQ-004', false, 'the authority gave no reconciliation report', [
        answerRef(settled.answer),
      ]);

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
      [answerRef(unknown), answerRef(all), answerRef(allAfter), answerRef(reportAfter.answer)],
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
    t.control();
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
            problem: { type: problemUri('unavailable'), title: 'Unavailable' },
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
    t.control();
    const mark = markTargetLog(t);
    const planned = planCertificates(3);
    const [first] = planned;
    if (!first) throw tooFewPlanned();
    await issueWithThirdDeadLettered(t, planned);
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
      ...probes.map((p) => ({
        source: p.source,
        text: JSON.stringify(p.answer.body),
        ref: answerRef(p.answer),
      })),
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
    const moved = await t.env.startPeer(NATIONAL_CENTER);
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
        [answerRef(repointed), ...exchanges.slice(0, 3).map((e) => ({ ledger: 'suite', seq: e.seq }))],
      );
    } finally {
      await peers(original.url);
      await moved.stop();
    }
  },
);
