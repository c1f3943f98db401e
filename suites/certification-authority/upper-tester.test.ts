import { recordAttempts } from '../../src/checks/index.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import {
  CORRELATION_ID,
  expectNamed,
  judgeProblem,
  LOWERCASE_UUID,
  noPersonalData,
  problemType,
  rawClient,
  ref,
} from '../../src/conformance/profiles/batch-receiver/receiver-judges.ts';
import { problemUri } from '../../src/conformance/profiles/problem-types.ts';
import { residentCode } from '../../src/conformance/synthetic-data.ts';
import { TekigoHarnessError } from '../../src/errors.ts';
import type { ExchangeEntry } from '../../src/evidence/ledger-entry.ts';
import { jstDate } from '../../src/reconciliation/accepted-digest.ts';
import { canonicalJson, sha256Hex } from '../../src/spec/canonical-json.ts';
import { certificationAuthority } from './adapter.ts';
import {
  ISSUANCES,
  issueCertificates,
  NATIONAL_CENTER,
  nationalCenterEntries,
  ownReconciliation,
  planCertificates,
} from './ca-scenario.ts';
import { awaitAccepted, CA_INTERFACES, stimulate } from './receiving-steps.ts';

// Unknown paths and generated correlation ids, and what the upper tester promises about its
// interfaces and stimuli (outside test mode: the upper-tester profile, CA-V08).
const suite = conformanceSuite(certificationAuthority);

suite.test(
  {
    id: 'CA-V07',
    title: 'answers unknown paths 404, generates correlation ids, and keeps personal data out of errors',
    requirements: ['GEN-ERR-004', 'GEN-OBS-002', 'GEN-OBS-003', 'GEN-SEC-006', 'GEN-ERR-002', 'GEN-ERR-003'],
  },
  async (t) => {
    for (const [method, path] of [
      ['GET', '/no-such-path'],
      ['GET', '/certificate-status'],
      ['POST', '/revocation-requests/extra'],
      ['GET', '/health/extra'],
    ] as const) {
      const answer = await t.env.sut.request({ method, path, ...(method === 'POST' ? { body: {} } : {}) });
      t.check(
        'GEN-ERR-004',
        answer.status === 404 && problemType(answer) === problemUri('not-found'),
        `${method} ${path} was answered ${answer.status} ${problemType(answer) ?? ''}`,
        [ref(answer)],
      );
      judgeProblem(t, `${method} ${path}`, answer, [ref(answer)]);
    }
    const offered: readonly [string, string | null][] = [
      ['no X-Correlation-Id', null],
      ['an empty one', ''],
      ['one of 65 characters', 'a'.repeat(65)],
      ['one with a space', 'two words'],
      ['one with a slash', 'a/b'],
    ];
    const raw = rawClient(t);
    for (const path of ['/health', '/no-such-path']) {
      const what = `GET ${path}`;
      for (const [how, id] of offered) {
        const sent = await raw.exchange({
          method: 'GET',
          path,
          headers: id === null ? {} : { 'x-correlation-id': id },
          ...(path === '/health' ? { interface: 'health' } : {}),
        });
        const { answer } = sent;
        const given = answer?.headers['x-correlation-id'];
        t.check(
          'GEN-OBS-002',
          given !== undefined && CORRELATION_ID.test(given) && given !== id,
          `${what} with ${how} was answered with X-Correlation-Id ${JSON.stringify(given ?? null)}`,
          [ref(sent)],
        );
        if (answer && answer.status >= 400) judgeProblem(t, `${what} with ${how}`, answer, [ref(sent)]);
      }
    }

    // An overlong name, a kana reading with a Latin letter and an impossible date of birth: the
    // problem may name these fields, never hold their values.
    const [planned] = planCertificates(1);
    if (!planned) throw new TekigoHarnessError('NO_PLAN', 'planCertificates returned nothing');
    const items = {
      ...planned.items,
      name: { kanji: `${planned.items.name.kanji}${'𠮷'.repeat(100)}`, kana: `${planned.items.name.kana}X` },
      dateOfBirth: '1990-02-30',
    };
    const refused = await stimulate(t, [{ ...planned, items }]);
    noPersonalData(t, 'a stimulus with an invalid name and date of birth', refused, items);
    judgeProblem(t, 'a stimulus with an invalid name and date of birth', refused, [ref(refused)]);
    await issueCertificates(t, [planned]);
    const taken = await stimulate(t, [planned]);
    noPersonalData(t, 'a stimulus for a serial already issued', taken, planned.items);
    judgeProblem(t, 'a stimulus for a serial already issued', taken, [ref(taken)]);
  },
);

suite.test(
  {
    id: 'CA-V09',
    title:
      'the upper tester declares its interfaces, maps stimuli to the notices sent, and refuses foreign kinds',
    requirements: [
      'GEN-UT-003',
      'GEN-UT-005',
      'GEN-UT-006',
      'GEN-VAL-007',
      'CA-ISS-003',
      'CA-ISS-004',
      'GEN-DF-007',
      'GEN-OBS-004',
    ],
  },
  async (t) => {
    const declared = (t.env.capabilities.interfaces ?? []) as readonly { name?: string; as?: string }[];
    const capabilities = t.observe('capabilities', t.env.capabilities);
    for (const [name, side] of Object.entries(CA_INTERFACES)) {
      const sides = declared.filter((i) => i.name === name).map((i) => i.as);
      t.check(
        'GEN-UT-003',
        sides.length === 1 && sides[0] === side,
        `capabilities list ${name} ${sides.length === 0 ? 'nowhere' : `as ${sides.join(' and ')}`} (expected once, as ${side})`,
        [capabilities],
      );
    }

    const { deliveryBoundMs, retry } = t.env.capabilities.parameters;
    const since = (await nationalCenterEntries(t)).at(-1)?.seq ?? 0;
    // A first answer of 500 makes the authority send every notice at least twice.
    await t.env.mock(NATIONAL_CENTER).setFaults({
      rules: [
        {
          id: 'fail-first',
          interface: ISSUANCES,
          when: { calls: { from: 1, to: 1 } },
          action: { kind: 'status', status: 500 },
        },
      ],
    });
    const planned = planCertificates(4).map((c, i) => ({
      ...c,
      municipalityCode: ['131016', '011002', '202011', '131016'][i] ?? '',
    }));
    const [p0, p1, p2, p3] = planned;
    if (!p0 || !p1 || !p2 || !p3)
      throw new TekigoHarnessError('NO_PLAN', 'planCertificates returned too few');
    // 100 characters, the schema's maximum, each outside the BMP: 200 UTF-16 code units.
    const nonBmp = { ...p3, items: { ...p3.items, name: { ...p3.items.name, kanji: '𠮷'.repeat(100) } } };
    const orders = [
      { ...p0, validityDays: 30 },
      // No serialNumber: the authority chooses it.
      {
        certificateType: 'user-authentication',
        residentCode: p1.residentCode,
        municipalityCode: p1.municipalityCode,
        items: p1.items,
      },
      p2,
      nonBmp,
    ] as const;
    const stimulus = await stimulate(t, orders);
    const result = stimulus.body as { recordIds?: string[]; serialNumbers?: string[] } | null;
    const recordIds = result?.recordIds ?? [];
    const serials = orders.map((o, i) => ('serialNumber' in o ? o.serialNumber : result?.serialNumbers?.[i]));
    t.check(
      'GEN-UT-005',
      stimulus.status === 202 &&
        stimulus.entry.validation.response?.valid === true &&
        recordIds.length === orders.length,
      `the stimulus of ${orders.length} certificates was answered ${stimulus.status} with ${recordIds.length} recordId(s)${stimulus.entry.validation.response?.valid === false ? ' in an invalid stimulus-result' : ''}`,
      [ref(stimulus)],
    );

    const settledWithin = deliveryBoundMs + retry.maxBackoffMs + 1_000;
    const entries = await awaitAccepted(t, recordIds, settledWithin, since);
    const attempts = recordAttempts(entries, ISSUANCES);
    // The serial each certificate got: as asked, as the stimulus result says, or as its notice says.
    const issuedSerials: unknown[] = [];
    for (const [i, order] of orders.entries()) {
      const id = recordIds[i];
      const mine = attempts.filter((a) => a.recordId === id);
      const serial = serials[i] ?? mine[0]?.record.serialNumber;
      issuedSerials.push(serial);
      const others = attempts.filter((a) => a.record.serialNumber === serial && a.recordId !== id);
      t.check(
        'GEN-UT-005',
        mine.length > 0 && mine.every((a) => a.record.serialNumber === serial) && others.length === 0,
        `stimulus item ${i} (recordId ${id ?? 'none'}) was sent ${mine.length} time(s) under its recordId${others.length ? ` and ${others.length} time(s) under ${others.length === 1 ? 'another' : 'other'} recordId(s)` : ''}`,
        [...mine, ...others].slice(0, 5).map((a) => ({ ledger: NATIONAL_CENTER, seq: a.exchange.seq })),
      );
      const notice = mine.find((a) => a.outcome === 'accepted') ?? mine[0];
      if (!notice) continue;
      const sent = notice.record as Record<string, unknown>;
      const days = (Date.parse(String(sent.notAfter)) - Date.parse(String(sent.notBefore))) / 86_400_000;
      const wrong = [
        sent.serialNumber === serial ? null : 'serialNumber',
        sent.certificateType === order.certificateType ? null : 'certificateType',
        sent.residentCode === order.residentCode ? null : 'residentCode',
        sent.municipalityCode === order.municipalityCode ? null : 'municipalityCode',
        days > 0 && ('validityDays' in order ? Math.abs(days - order.validityDays) <= 1 : true)
          ? null
          : 'validity',
      ].filter((field) => field !== null);
      t.check(
        'CA-ISS-003',
        wrong.length === 0,
        wrong.length === 0
          ? `the notice for stimulus item ${i} carries its serial, type, resident, municipality and a validity of ${days.toFixed(2)} days`
          : `the notice for stimulus item ${i} differs from the certificate in ${wrong.join(', ')}`,
        [{ ledger: NATIONAL_CENTER, seq: notice.exchange.seq }],
      );
    }

    const kept = attempts.find((a) => a.recordId === recordIds[3] && a.outcome === 'accepted');
    const expectedDigest = sha256Hex(canonicalJson(nonBmp.items));
    t.check(
      'GEN-VAL-007',
      stimulus.status === 202 && kept?.record.itemsDigest === expectedDigest,
      kept
        ? `a name of 100 characters outside the BMP was accepted; its notice's itemsDigest ${kept.record.itemsDigest === expectedDigest ? 'is that of the name unchanged' : 'is not that of the name unchanged'}`
        : `a name of 100 characters outside the BMP was answered ${stimulus.status} and no notice for it was accepted`,
      kept ? [ref(stimulus), { ledger: NATIONAL_CENTER, seq: kept.exchange.seq }] : [ref(stimulus)],
    );

    const reissue = await stimulate(t, [p0]);
    const reissued = (reissue.body as { serialNumbers?: string[] } | null)?.serialNumbers?.[0];
    const distinct = new Set(issuedSerials.filter((s) => s !== undefined)).size === orders.length;
    t.check(
      'CA-ISS-004',
      distinct && (reissue.status !== 202 || (reissued !== undefined && reissued !== p0.serialNumber)),
      `the ${orders.length} certificates got ${distinct ? 'distinct' : 'repeated'} serials; a stimulus asking for serial ${p0.serialNumber} again was answered ${reissue.status}${reissue.status === 202 ? ` with serial ${reissued ?? 'undisclosed'}` : ''}`,
      [ref(stimulus), ref(reissue)],
    );

    const date = jstDate(new Date().toISOString());
    const outboundBefore = await ownReconciliation(t, ISSUANCES, 'outbound', date);
    for (const [what, body] of [
      ['a municipality stimulus', { kind: 'submit-card-batch', residentCodes: [residentCode(1)] }],
      ['an unknown kind', { kind: 'make-coffee', certificates: [p2] }],
    ] as const) {
      const answer = await t.env.sut.post('/conformance/stimulus', body, { interface: 'upper-tester' });
      expectNamed(t, 'GEN-UT-006', what, answer, 400, '/kind', false);
    }
    const outboundAfter = await ownReconciliation(t, ISSUANCES, 'outbound', date);
    t.check(
      'GEN-UT-006',
      outboundBefore !== undefined && outboundAfter?.counts.total === outboundBefore.counts.total,
      `the outbound certificate-issuances total was ${outboundBefore?.counts.total ?? 'unreported'} before the refused stimuli and ${outboundAfter?.counts.total ?? 'unreported'} after`,
      t.latest('reconciliation', 2),
    );

    const exchanges = (await nationalCenterEntries(t)).filter(
      (e): e is ExchangeEntry => e.kind === 'exchange' && e.interface === ISSUANCES && e.seq > since,
    );
    const badIds = exchanges.flatMap((e) => {
      const body = e.requestBody as { batchId?: unknown; records?: { recordId?: unknown }[] } | null;
      return [body?.batchId, ...(body?.records ?? []).map((r) => r.recordId)].filter(
        (id) => typeof id !== 'string' || !LOWERCASE_UUID.test(id),
      );
    });
    t.check(
      'GEN-DF-007',
      exchanges.length > 0 && badIds.length === 0,
      badIds.length === 0
        ? `every batchId and recordId in ${exchanges.length} certificate-issuances request(s) is a lowercase RFC 4122 UUID`
        : `${badIds.length} batchId/recordId value(s) sent are not lowercase RFC 4122 UUIDs, e.g. ${JSON.stringify(badIds[0])}`,
      exchanges.slice(0, 5).map((e) => ({ ledger: NATIONAL_CENTER, seq: e.seq })),
    );
    const unlabelled = exchanges.filter(
      (e) => !CORRELATION_ID.test(e.requestHeaders['x-correlation-id'] ?? ''),
    );
    t.check(
      'GEN-OBS-004',
      exchanges.length > 0 && unlabelled.length === 0,
      `${exchanges.length - unlabelled.length} of ${exchanges.length} certificate-issuances request(s) carried a valid X-Correlation-Id`,
      (unlabelled.length ? unlabelled : exchanges)
        .slice(0, 5)
        .map((e) => ({ ledger: NATIONAL_CENTER, seq: e.seq })),
    );
  },
);
