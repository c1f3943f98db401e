import { recordAttempts } from '../../src/checks/index.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import {
  CORRELATION_ID,
  expectNamed,
  LOWERCASE_UUID,
  ref,
} from '../../src/conformance/profiles/batch-receiver/receiver-judges.ts';
import { residentCode } from '../../src/conformance/synthetic-data.ts';
import { TekigoHarnessError } from '../../src/errors.ts';
import type { ExchangeEntry } from '../../src/evidence/ledger-entry.ts';
import { jstDate } from '../../src/reconciliation/accepted-digest.ts';
import { canonicalJson, sha256Hex } from '../../src/spec/canonical-json.ts';
import { certificationAuthority } from './adapter.ts';
import {
  ISSUANCES,
  NATIONAL_CENTER,
  nationalCenterEntries,
  ownReconciliation,
  planCertificates,
} from './ca-scenario.ts';
import { awaitAccepted, CA_INTERFACES, stimulate } from './receiving-steps.ts';

// What the upper tester promises about its interfaces and stimuli (unknown paths and generated
// correlation ids: the observability profile, CA-V07; outside test mode: the upper-tester
// profile, CA-V08).
const suite = conformanceSuite(certificationAuthority);

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
