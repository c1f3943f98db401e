import { documentsOwn } from '../../src/checks/check-documents-own.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { canonicalJson } from '../../src/spec/canonical-json.ts';
import { problemTypeUri } from '../../src/spec/problem-types.ts';
import { issuanceService } from './adapter.ts';
import { connect, issue, planResidents, printAtOnce, requestFor, sync } from './iss-scenario.ts';

// What a certificate request is answered with, one request at a time: whose document, for whom,
// and what a repeat gets. The print service prints every job at once here.
const suite = conformanceSuite(issuanceService);

/** A valid municipality code other than the suite's own (Sapporo Chuo-ku, with its check digit). */
const ELSEWHERE = '011011';

suite.test(
  {
    id: 'IS-D01',
    title:
      "a household residence record lists the holder's household; a holder not held, or held under another municipality, is refused 404 unknown-resident",
    requirements: ['ISS-REQ-007', 'ISS-REQ-001', 'ISS-REQ-002', 'ISS-REQ-003', 'GEN-TMO-005'],
  },
  async (t) => {
    await connect(t);
    await printAtOnce(t);
    const [holder, spouse, child, stranger] = planResidents(4);
    if (!holder || !spouse || !child || !stranger) throw new Error('four residents planned');
    const householdId = String(Date.now() % 1_000_000_000);
    await sync(
      t,
      [holder, spouse, child].map((resident) => ({ resident, version: 1, householdId })),
    );
    const household = await issue(t, requestFor(holder, { scope: 'household' }));
    t.apply(documentsOwn, [household]);
    const subjects = (household.body as { subjects?: unknown } | null)?.subjects;
    // A request that failed closed (a problem) is conformant: only a document is compared.
    if (household.status === 200)
      t.check(
        'ISS-REQ-001',
        Array.isArray(subjects) &&
          canonicalJson([...subjects].sort()) ===
            canonicalJson([holder, spouse, child].map((r) => r.residentCode).sort()),
        `a household residence record of a household of three lists ${Array.isArray(subjects) ? subjects.length : 'no'} subjects`,
        household.evidence,
      );
    const unknown = await issue(t, requestFor(stranger));
    const elsewhere = await issue(t, requestFor({ ...holder, municipalityCode: ELSEWHERE }));
    for (const [what, answer] of [
      ['a holder never synced', unknown],
      ['a holder presented under another municipality', elsewhere],
    ] as const)
      t.check(
        'ISS-REQ-007',
        answer.status === 404 &&
          (answer.body as { type?: unknown } | null)?.type === problemTypeUri('unknown-resident'),
        `${what}: answered ${answer.status ?? 'nothing'}`,
        answer.evidence,
      );
  },
);

suite.test(
  {
    id: 'IS-D02',
    title:
      'a repeated request gets the same document and prints nothing new; the same requestId with other content is refused 409',
    requirements: ['ISS-REQ-008', 'ISS-REQ-001', 'ISS-REQ-002', 'ISS-REQ-003', 'GEN-TMO-005'],
  },
  async (t) => {
    await connect(t);
    await printAtOnce(t);
    const [resident] = planResidents(1);
    if (!resident) throw new Error('one resident planned');
    await sync(t, [{ resident, version: 1 }]);
    const body = requestFor(resident);
    const first = await issue(t, body);
    const repeat = await issue(t, body);
    const changed = await issue(t, { ...body, copies: body.copies + 1 });
    t.apply(documentsOwn, [first, repeat]);
    const jobs = (
      (await t.env.mock('print-service').state()) as { jobs: { requestId: string }[] }
    ).jobs.filter((j) => j.requestId === body.requestId);
    const evidence = [...first.evidence, ...repeat.evidence, t.observe('print jobs of the request', jobs)];
    if (first.status === 200)
      t.check(
        'ISS-REQ-008',
        canonicalJson(repeat.body) === canonicalJson(first.body) && jobs.length === 1,
        `a repeat answered ${repeat.status ?? 'nothing'} with ${canonicalJson(repeat.body) === canonicalJson(first.body) ? 'the same' : 'another'} document; ${jobs.length} print job(s) for the request`,
        evidence,
      );
    t.check(
      'ISS-REQ-008',
      changed.status === 409 &&
        (changed.body as { type?: unknown } | null)?.type === problemTypeUri('conflict'),
      `the same requestId with other content answered ${changed.status ?? 'nothing'}`,
      changed.evidence,
    );
  },
);
