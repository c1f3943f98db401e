import { documentVersions } from '../../src/checks/check-document-versions.ts';
import { documentsOwn, type IssuedAnswer } from '../../src/checks/check-documents-own.ts';
import { syncLeavesPrints } from '../../src/checks/check-sync-leaves-prints.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { problemTypeUri } from '../../src/spec/problem-types.ts';
import { issuanceService } from './adapter.ts';
import {
  awaitSubmitted,
  connect,
  InFlight,
  type Items,
  issue,
  outOfOrder,
  pause,
  planResidents,
  printAtOnce,
  release,
  requestFor,
  sync,
} from './iss-scenario.ts';

// INC-2023-KIOSK, second variant: a resident-sync running concurrently with printing. Every
// document is one consistent snapshot, an acknowledged sync shows in every later document, and
// the sync neither releases nor changes the prints in flight.
const suite = conformanceSuite(issuanceService);

/** Requests for the same resident sent while a sync is unanswered, at most this many. */
const MAX_RACING = 20;
const RACE_STEP_MS = 15;

const moved = (items: Items, tag: string): Items => ({
  ...items,
  name: {
    kanji: `改姓 ${items.name.kanji.split(' ')[1] ?? '一'}`,
    kana: `カイセイ ${items.name.kana.split(' ')[1] ?? 'イチ'}`,
  },
  address: `大阪府大阪市北区試験町${tag}番1号`,
});

suite.test(
  {
    id: 'IS-Y01',
    title:
      'a resident-sync racing with issuance for the same resident: no torn document, prints in flight untouched, every document after the acknowledgement reflects it',
    requirements: [
      'ISS-SYNC-001',
      'ISS-SYNC-002',
      'ISS-SYNC-004',
      'ISS-REQ-001',
      'ISS-REQ-002',
      'ISS-REQ-003',
      'GEN-TMO-005',
    ],
  },
  async (t) => {
    await connect(t);
    const [subject, neighbour, other] = planResidents(3);
    if (!subject || !neighbour || !other) throw new Error('three residents planned');
    const v2 = moved(subject.items, '7');
    await sync(
      t,
      [subject, neighbour, other].map((resident) => ({ resident, version: 1 })),
    );
    // 1. Prints in flight for the subject and two others, all held.
    const before = [
      requestFor(subject),
      requestFor(neighbour),
      requestFor(subject, { documentType: 'seal-registration' }),
      requestFor(other),
    ];
    const flight = new InFlight(t, before);
    const held = await awaitSubmitted(
      t,
      before.map((b) => b.requestId),
      flight,
    );
    // 2. The sync of version 2, with requests for the subject sent until it is answered.
    let acknowledged = false;
    const synced = sync(t, [{ resident: subject, version: 2, items: v2 }]).finally(() => {
      acknowledged = true;
    });
    const racing = [];
    while (!acknowledged && racing.length < MAX_RACING) {
      const body = requestFor(subject);
      racing.push(body);
      flight.add(t, [body]);
      await pause(RACE_STEP_MS);
    }
    await synced;
    // 3. Requests sent after the acknowledgement.
    const after = [requestFor(subject), requestFor(subject, { documentType: 'family-register-extract' })];
    flight.add(t, after);
    const all = [...before, ...racing, ...after];
    await awaitSubmitted(
      t,
      all.map((b) => b.requestId),
      flight,
    );
    const answeredBeforeRelease = flight.answeredIds();
    const order = outOfOrder(all.map((b) => b.requestId));
    t.observe('interleaving', {
      heldAcrossSync: before.map((b) => b.requestId),
      sentWhileSyncUnanswered: racing.map((b) => b.requestId),
      sentAfterAcknowledgement: after.map((b) => b.requestId),
      answeredBeforeRelease,
      releasedInOrder: order,
    });
    await release(t, order);
    const answers = await flight.all();
    const ids = (bodies: readonly { requestId: string }[]) => new Set(bodies.map((b) => b.requestId));
    const pick = (set: Set<string>) => answers.filter((a) => set.has(a.request.requestId));
    const afterIds = ids(after);
    t.apply(documentVersions, {
      versions: {
        [subject.residentCode]: { 1: subject.items, 2: v2 },
        [neighbour.residentCode]: { 1: neighbour.items },
        [other.residentCode]: { 1: other.items },
      },
      // Every request follows the acknowledgement of version 1 of its holder; the last ones, of version 2.
      answers: answers.map((a) => ({
        ...a,
        atLeast: { [a.request.holder.residentCode]: afterIds.has(a.request.requestId) ? 2 : 1 },
      })),
    });
    t.apply(syncLeavesPrints, {
      inFlight: pick(ids(before.filter((b) => held.has(b.requestId)))),
      answeredBeforeRelease,
    });
    t.apply(documentsOwn, answers);
  },
);

suite.test(
  {
    id: 'IS-Y02',
    title:
      'a resident-sync record whose version is not above the stored one is rejected stale-sequence and changes nothing',
    requirements: [
      'ISS-SYNC-003',
      'ISS-SYNC-001',
      'ISS-SYNC-002',
      'ISS-REQ-001',
      'ISS-REQ-002',
      'ISS-REQ-003',
      'GEN-TMO-005',
    ],
  },
  async (t) => {
    await connect(t);
    await printAtOnce(t);
    const [resident] = planResidents(1);
    if (!resident) throw new Error('one resident planned');
    const v3 = moved(resident.items, '3');
    const v2 = moved(resident.items, '2');
    await sync(t, [{ resident, version: 1 }]);
    await sync(t, [{ resident, version: 3, items: v3 }]);
    const stale = await t.env.mock('municipality').send({
      interface: 'resident-sync',
      records: [
        {
          recordId: crypto.randomUUID(),
          recordedAt: new Date().toISOString(),
          residentCode: resident.residentCode,
          version: 2,
          items: v2,
          status: 'resident',
        },
      ],
    });
    const [entry] = stale.deliveries;
    const result = (
      entry?.responseBody as { results?: { outcome?: string; problem?: { type?: string } }[] } | null
    )?.results?.[0];
    t.check(
      'ISS-SYNC-003',
      entry?.status === 200 &&
        result?.outcome === 'rejected' &&
        result.problem?.type === problemTypeUri('stale-sequence'),
      `version 2 after version 3 answered ${entry?.status ?? 'nothing'} ${result?.outcome ?? ''} ${result?.problem?.type ?? ''}`,
      entry ? [{ ledger: 'municipality', seq: entry.seq }] : [],
    );
    const answer: IssuedAnswer = await issue(t, requestFor(resident));
    t.apply(documentVersions, {
      versions: { [resident.residentCode]: { 1: resident.items, 2: v2, 3: v3 } },
      answers: [{ ...answer, atLeast: { [resident.residentCode]: 3 } }],
    });
    t.apply(documentsOwn, [answer]);
  },
);
