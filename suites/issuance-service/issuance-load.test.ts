import { documentsOwn, type IssuedAnswer } from '../../src/checks/check-documents-own.ts';
import { elapsedWithinCheck } from '../../src/checks/check-elapsed-within.ts';
import { latePrintDiscarded } from '../../src/checks/check-late-print-discarded.ts';
import { overloadRefused } from '../../src/checks/check-overload-refused.ts';
import { printFailClosed } from '../../src/checks/check-print-fail-closed.ts';
import { checkSentMessagesValid } from '../../src/checks/index.ts';
import { type ConformanceTest, conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { issuanceService } from './adapter.ts';
import {
  awaitSubmitted,
  connect,
  InFlight,
  outOfOrder,
  PRINT,
  planResidents,
  printJobs,
  type Resident,
  release,
  requestFor,
  secondKiosk,
  sync,
} from './iss-scenario.ts';

// INC-2023-KIOSK: under load, with print results late, reordered or lost, every document goes
// to its own requester or to nobody. The print service holds every result; each test releases
// them in the order it states, and holds chosen ones past the declared print timeout.
const suite = conformanceSuite(issuanceService);

/** GEN-HLT-003: /health answers within this long while the service is saturated. */
const HEALTH_BOUND_MS = 2_000;

const DOCUMENT_TYPES = ['residence-record', 'seal-registration', 'family-register-extract'] as const;

/** Residents synced at version 1, in batches of the declared maxBatchSize. */
async function residentsHeld(t: ConformanceTest, count: number): Promise<Resident[]> {
  const residents = planResidents(count);
  const size = t.env.capabilities.parameters.maxBatchSize;
  for (let i = 0; i < residents.length; i += size)
    await sync(
      t,
      residents.slice(i, i + size).map((resident) => ({ resident, version: 1 })),
    );
  return residents;
}

const byId = (answers: readonly IssuedAnswer[], ids: ReadonlySet<string>) =>
  answers.filter((a) => ids.has(a.request.requestId));

suite.test(
  {
    id: 'IS-K01',
    title:
      '64 concurrent requests, a quarter of their prints held past the print timeout and the rest released out of order: each gets its own document or fails closed',
    // Room for a starved service's print jobs (awaitSubmitted waits while it makes progress).
    timeoutMs: 90_000,
    requirements: [
      'ISS-REQ-001',
      'ISS-REQ-002',
      'ISS-REQ-003',
      'ISS-REQ-004',
      'ISS-REQ-005',
      'GEN-TMO-005',
      'ISS-PRT-001',
      'GEN-SEND-001',
    ],
  },
  async (t) => {
    await connect(t);
    const residents = await residentsHeld(t, 64);
    const bodies = residents.map((r, i) =>
      requestFor(r, { documentType: DOCUMENT_TYPES[i % 3] ?? 'residence-record' }),
    );
    const held = new Set(bodies.filter((_, i) => i % 4 === 1).map((b) => b.requestId));
    const flight = new InFlight(t, bodies);
    const jobs = await awaitSubmitted(
      t,
      bodies.map((b) => b.requestId),
      flight,
    );
    const answeredEarly = new Set(flight.answeredIds());
    const order = outOfOrder(bodies.map((b) => b.requestId).filter((id) => !held.has(id) && jobs.has(id)));
    t.observe('interleaving', {
      heldPastPrintTimeout: [...held],
      releasedInOrder: order,
      answeredBeforeAnyRelease: [...answeredEarly],
    });
    await release(t, order);
    const answers = await flight.all();
    t.apply(documentsOwn, answers);
    t.apply(printFailClosed, {
      heldPastBound: byId(answers, held).filter((a) => jobs.has(a.request.requestId)),
      answeredUnprinted: byId(answers, answeredEarly),
    });
    const submitted = await printJobs(t);
    const jobIds = new Set([...submitted.values()].map((j) => j.jobId));
    const own = [...submitted.entries()].every(([requestId, job]) => job.requestId === requestId);
    // With no print job at all (every request refused) there is nothing to judge: inconclusive.
    if (submitted.size > 0)
      t.check(
        'ISS-PRT-001',
        jobIds.size === submitted.size && own,
        `${submitted.size} requests printed through ${jobIds.size} distinct jobs, each naming its own request`,
        [t.observe('print jobs', [...submitted.values()])],
      );
    t.record(checkSentMessagesValid(PRINT, await t.env.mock(PRINT).ledgerEntries(), 'print-jobs'));
  },
);

suite.test(
  {
    id: 'IS-K02',
    title: 'print results that arrive after the service gave up are never delivered to anyone',
    // Room for a starved service's print jobs (awaitSubmitted waits while it makes progress).
    timeoutMs: 90_000,
    requirements: [
      'ISS-PRT-003',
      'ISS-REQ-001',
      'ISS-REQ-002',
      'ISS-REQ-003',
      'ISS-REQ-004',
      'ISS-REQ-005',
      'GEN-TMO-005',
    ],
  },
  async (t) => {
    await connect(t);
    const residents = await residentsHeld(t, 8);
    const bodies = residents.map((r) => requestFor(r));
    const [first, second] = [bodies.slice(0, 4), bodies.slice(4)];
    // 1. Four requests whose prints are held until the service has given up on every one.
    const abandoned = new InFlight(t, first);
    const printing = await awaitSubmitted(
      t,
      first.map((b) => b.requestId),
      abandoned,
    );
    const gaveUp = await abandoned.all();
    // 2. Four more requests, waiting for their own prints.
    const waiting = new InFlight(t, second);
    await awaitSubmitted(
      t,
      second.map((b) => b.requestId),
      waiting,
    );
    // 3. The late results exist now; the service may read them but must use them for no request.
    const late = first.map((b) => b.requestId);
    t.observe('late print results released', {
      requestIds: late,
      whileWaiting: second.map((b) => b.requestId),
    });
    await release(t, late);
    const readBefore = sum(await printJobs(t), late);
    await t.waitFor(
      'the service reading a late result',
      async () => (sum(await printJobs(t), late) > readBefore ? true : undefined),
      { timeoutMs: 500, intervalMs: 50 },
    );
    // 4. Their own prints, out of order.
    await release(t, outOfOrder(second.map((b) => b.requestId)));
    const later = await waiting.all();
    t.apply(latePrintDiscarded, { abandoned: gaveUp, later });
    t.apply(documentsOwn, [...gaveUp, ...later]);
    t.apply(printFailClosed, {
      heldPastBound: gaveUp.filter((a) => printing.has(a.request.requestId)),
      answeredUnprinted: [],
    });
  },
);

function sum(jobs: Awaited<ReturnType<typeof printJobs>>, requestIds: readonly string[]): number {
  return requestIds.reduce((total, id) => total + (jobs.get(id)?.reads ?? 0), 0);
}

suite.test(
  {
    id: 'IS-K03',
    title:
      "more requests than the declared maxConcurrentRequests, all held in progress: the excess is refused 503/429 overloaded, never answered with another request's data, and /health still answers",
    requirements: ['GEN-TMO-006', 'ISS-REQ-001', 'ISS-REQ-002', 'ISS-REQ-003', 'GEN-TMO-005', 'GEN-HLT-003'],
  },
  async (t) => {
    const limits = t.env.capabilities.limits as { maxConcurrentRequests?: number } | undefined;
    const max = limits?.maxConcurrentRequests ?? 64;
    if (max > 120)
      t.notApplicable(
        `the declared maxConcurrentRequests ${max} is above the 128 requests this test can hold at once through two kiosk gateways`,
      );
    await connect(t);
    const residents = await residentsHeld(t, max + 8);
    const bodies = residents.map((r) => requestFor(r));
    // One gateway's connection pool carries 64 requests at once: the rest come from a second kiosk.
    const second = await secondKiosk(t);
    const flight = new InFlight(t, bodies.slice(0, 64)).add(t, bodies.slice(64), second);
    const jobs = await awaitSubmitted(
      t,
      bodies.map((b) => b.requestId),
      flight,
    );
    const unansweredAtOnce = flight.unanswered();
    // Every print held: the service is as busy as it declares it can be, and /health still answers.
    const health = await t.env.sut.get('/health', { interface: 'health' });
    t.apply(elapsedWithinCheck('GEN-HLT-003'), {
      what: `with ${unansweredAtOnce} certificate requests in progress (declared maxConcurrentRequests ${max}), /health answered 200`,
      elapsedMs: health.status === 200 ? health.entry.durationMs : null,
      boundMs: HEALTH_BOUND_MS,
      boundName: 'the 2 s of GEN-HLT-003',
      toleranceMs: 0,
      evidence: [{ ledger: 'suite', seq: health.entry.seq }],
    });
    const order = outOfOrder([...jobs.keys()]);
    t.observe('interleaving', {
      sentAtOnce: bodies.length,
      unansweredAtOnce,
      refusedBeforeRelease: flight.answeredIds(),
      releasedInOrder: order,
    });
    await release(t, order);
    const answers = await flight.all();
    await second.mock.stop();
    t.apply(overloadRefused, { answers, maxConcurrent: max, unansweredAtOnce });
    t.apply(documentsOwn, answers);
  },
);
