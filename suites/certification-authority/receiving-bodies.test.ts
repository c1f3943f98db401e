import { oversizedBodyRefused } from '../../src/checks/index.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import {
  BODY_LIMIT_BYTES,
  DEADLINE_TOLERANCE_MS,
  expectNamed,
  HEADERS_DEADLINE_MS,
  judgeProblem,
  OVERSIZED_BODY_BYTES,
  problemType,
  rawClient,
  ref,
  survives,
} from '../../src/conformance/profiles/batch-receiver/receiver-judges.ts';
import { problemUri } from '../../src/conformance/profiles/problem-types.ts';
import { TekigoHarnessError } from '../../src/errors.ts';
import type { EvidenceRef } from '../../src/report/report-model.ts';
import { certificationAuthority } from './adapter.ts';
import {
  certificateStatus,
  issueCertificates,
  postRevocations,
  REVOCATIONS,
  revocationBatch,
  revocationOf,
} from './ca-scenario.ts';
import { resultsOf, revocationPost, stillServing } from './receiving-steps.ts';

// What the certification authority does with hostile, oversized, slow and broken requests.
// INC-2003-NAGANO found exchange code exposed to anyone on the network; INC-2016-RELAY died of a
// connection that ended at the wrong moment.
const suite = conformanceSuite(certificationAuthority);

suite.test(
  {
    id: 'CA-V01',
    title: 'refuses oversized, undecodable, deeply nested and mistyped bodies, and keeps answering',
    requirements: [
      'GEN-VAL-002',
      'GEN-VAL-004',
      'GEN-VAL-005',
      'GEN-VAL-008',
      'GEN-VAL-011',
      'GEN-ERR-002',
      'GEN-ERR-003',
      'GEN-OBS-003',
    ],
  },
  async (t) => {
    const [certificate, bystander] = (await issueCertificates(t, 2)).certificates;
    if (!certificate || !bystander)
      throw new TekigoHarnessError('NO_CERTIFICATE', 'the stimulus returned fewer certificates than asked');
    // One record rides in every hostile request: had any of them stored it, sending it whole
    // at the end would be answered duplicate instead of accepted.
    const record = revocationOf(certificate, 'move-out');
    const json = JSON.stringify(revocationBatch([record]));
    const raw = rawClient(t);
    await survives(t, 'GEN-VAL-011', async () => {
      for (const framing of ['content-length', 'chunked'] as const) {
        const [streamed, meanwhile] = await Promise.all([
          raw.stream({ ...revocationPost(), framing, bytes: OVERSIZED_BODY_BYTES }),
          certificateStatus(t, bystander.serialNumber),
        ]);
        const { answer } = streamed;
        const figures = {
          framing,
          limitBytes: BODY_LIMIT_BYTES,
          bodyBytes: OVERSIZED_BODY_BYTES,
          sentBytes: streamed.sentBytes,
          answeredWhileSending: streamed.answeredWhileSending,
          status: answer?.status ?? null,
          problemType: problemType(answer) ?? null,
        };
        // The figures the verdict rests on are evidence first, then judged by a pure check.
        const observed = t.observe('oversized-body', { ...figures, exchange: ref(streamed) });
        t.apply(oversizedBodyRefused, { ...figures, refs: [observed, ref(streamed)] });
        if (answer) judgeProblem(t, `oversized body (${framing})`, answer, [ref(streamed)]);
        t.check(
          'GEN-VAL-011',
          meanwhile.body.status === 'good',
          `while the oversized body (${framing}) was streaming, certificate-status answered ${meanwhile.body.status ?? meanwhile.answer.status}`,
          [ref(meanwhile.answer), ref(streamed)],
        );
      }

      const [before, after] = json.split('"move-out"') as [string, string];
      const malformed: readonly [string, number[]][] = [
        ['a byte that never occurs in UTF-8 (FF)', [0xff]],
        ['an overlong encoding of "/" (C0 AF)', [0xc0, 0xaf]],
        ['an encoded surrogate (ED A0 80)', [0xed, 0xa0, 0x80]],
      ];
      for (const [what, bytes] of malformed) {
        const body = Buffer.concat([
          Buffer.from(`${before}"move-`),
          Buffer.from(bytes),
          Buffer.from(`out"${after}`),
        ]);
        const sent = await raw.exchange({ ...revocationPost(), body });
        const { answer } = sent;
        t.check(
          'GEN-VAL-004',
          answer?.status === 400 && problemType(answer) === problemUri('validation'),
          `a revocation whose reason holds ${what} was answered ${answer?.status ?? 'nothing'} ${problemType(answer) ?? ''}`,
          [ref(sent)],
        );
        if (answer) judgeProblem(t, `body with ${what}`, answer, [ref(sent)]);
      }

      const deep = Buffer.from(
        `${json.slice(0, json.indexOf('"records":'))}"records":[${'['.repeat(10_000)}${']'.repeat(10_000)}]}`,
      );
      const nesting = await raw.exchange({ ...revocationPost(), body: deep });
      const nested = nesting.answer;
      const afterNesting = await t.env.sut.get('/health', { interface: 'health' });
      t.check(
        'GEN-VAL-005',
        (nested?.status === 400 || nested?.status === 413) && afterNesting.status === 200,
        `a body nested 10,000 levels deep was answered ${nested?.status ?? 'nothing'}; /health then answered ${afterNesting.status ?? 'nothing'}`,
        [ref(nesting), ref(afterNesting)],
      );
      if (nested) judgeProblem(t, 'deeply nested body', nested, [ref(nesting)]);

      const mediaTypes: readonly [string, Uint8Array | string, Record<string, string>][] = [
        ['text/plain', json, { 'content-type': 'text/plain' }],
        ['a form', json, { 'content-type': 'application/x-www-form-urlencoded' }],
        ['no Content-Type', new TextEncoder().encode(json), {}],
      ];
      for (const [what, body, headers] of mediaTypes) {
        const answer = await t.env.sut.post('/revocation-requests', body, {
          interface: REVOCATIONS,
          headers,
        });
        t.check(
          'GEN-VAL-008',
          answer.status === 415 && problemType(answer) === problemUri('unsupported-media-type'),
          `a JSON revocation sent as ${what} was answered ${answer.status} ${problemType(answer) ?? ''}`,
          [ref(answer)],
        );
        judgeProblem(t, `body sent as ${what}`, answer, [ref(answer)]);
      }
    });

    const serving = await stillServing(t, bystander.serialNumber);
    t.check('GEN-VAL-011', serving.ok, `after the hostile bodies: ${serving.message}`, serving.evidence);
    const whole = await postRevocations(t, revocationBatch([record]));
    const outcome = resultsOf(whole)[0]?.outcome;
    t.check(
      'GEN-VAL-004',
      outcome === 'accepted',
      `after the refused bodies their record, sent whole, was answered ${outcome ?? whole.status} (accepted: nothing of them was stored)`,
      [ref(whole)],
    );
  },
);

suite.test(
  {
    id: 'CA-V03',
    title: 'bounds batches by 1..1000 records and the declared maxBatchSize, and accepts a full one in time',
    requirements: ['GEN-VAL-010', 'GEN-BAT-003', 'GEN-ERR-002', 'GEN-ERR-003', 'GEN-OBS-003'],
  },
  async (t) => {
    const { maxBatchSize, requestTimeoutMs } = t.env.capabilities.parameters;
    const issued = await issueCertificates(t, Math.min(maxBatchSize + 1, 1000));
    const records = issued.certificates.map((c) => revocationOf(c, 'correction'));
    expectNamed(
      t,
      'GEN-VAL-010',
      'an empty batch',
      await postRevocations(t, revocationBatch([])),
      400,
      '/records',
    );
    const many = Array.from({ length: 1001 }, (_, i) => records[i % records.length]);
    expectNamed(
      t,
      'GEN-VAL-010',
      'a batch of 1001 records',
      await postRevocations(t, revocationBatch(many)),
      400,
      '/records',
    );
    if (maxBatchSize < 1000) {
      const over = await postRevocations(t, revocationBatch(records));
      t.check(
        'GEN-VAL-010',
        over.status === 413 && problemType(over) === problemUri('payload-too-large'),
        `a batch of ${records.length} records (declared maxBatchSize ${maxBatchSize}) was answered ${over.status} ${problemType(over) ?? ''}`,
        [ref(over)],
      );
      judgeProblem(t, 'a batch over maxBatchSize', over, [ref(over)]);
    }
    // The same records again: had the refused batches stored any, some would now be duplicates.
    const full = await postRevocations(t, revocationBatch(records.slice(0, maxBatchSize)));
    const outcomes = resultsOf(full).map((r) => r.outcome);
    const accepted = outcomes.filter((o) => o === 'accepted').length;
    t.check(
      'GEN-BAT-003',
      full.status === 200 && accepted === maxBatchSize && full.entry.durationMs <= requestTimeoutMs,
      `a valid batch of ${maxBatchSize} records (the declared maxBatchSize) was answered ${full.status} with ${accepted} accepted in ${Math.round(full.entry.durationMs)} ms (declared requestTimeoutMs ${requestTimeoutMs})`,
      [ref(full)],
    );
  },
);

suite.test(
  {
    id: 'CA-V04',
    title: 'closes stalled connections, abandons stalled bodies and survives resets at every phase',
    requirements: ['GEN-TMO-001', 'GEN-TMO-002', 'GEN-TMO-003'],
  },
  async (t) => {
    const issued = await issueCertificates(t, 4);
    const [stalledOn, resetOn, servedOn, bystander] = issued.certificates;
    if (!stalledOn || !resetOn || !servedOn || !bystander)
      throw new TekigoHarnessError('NO_CERTIFICATE', 'the stimulus returned fewer certificates than asked');
    // The stalled body holds a complete record; only its closing "]}" never arrives.
    const stalled = revocationOf(stalledOn, 'death');
    const stalledBody = Buffer.from(JSON.stringify(revocationBatch([stalled])));
    const partialHeaders = `POST /revocation-requests HTTP/1.1\r\nhost: tekigo.invalid\r\ncontent-type: application/json\r\n`;
    const raw = rawClient(t);
    const resets: EvidenceRef[] = [];
    await survives(t, 'GEN-TMO-003', async () => {
      const silent = await raw.open();
      const trickle = await raw.open({ interface: REVOCATIONS });
      await trickle.write(partialHeaders);
      const stall = await raw.open({ interface: REVOCATIONS });
      await stall.write(raw.encode({ ...revocationPost(), body: stalledBody }).subarray(0, -2));

      const resetBody = Buffer.from(JSON.stringify(revocationBatch([revocationOf(resetOn, 'loss')])));
      const phases: readonly [string, readonly (string | Uint8Array)[]][] = [
        ['just after connecting', []],
        ['during the headers', [partialHeaders]],
        ['during the body', [raw.encode({ ...revocationPost(), body: resetBody }).subarray(0, -20)]],
        ['while awaiting the answer', [raw.encode({ ...revocationPost(), body: resetBody })]],
      ];
      for (const [, writes] of phases) {
        const connection = await raw.open({ interface: REVOCATIONS });
        for (const bytes of writes) await connection.write(bytes);
        resets.push(ref(connection.reset()));
      }

      const served = await postRevocations(t, revocationBatch([revocationOf(servedOn, 'move-out')]));
      const health = await t.env.sut.get('/health', { interface: 'health' });
      const meanwhile = resultsOf(served)[0]?.outcome === 'accepted' && health.status === 200;
      t.check(
        'GEN-TMO-001',
        meanwhile,
        `while a silent, a trickling and a stalled connection were held open, a revocation was answered ${resultsOf(served)[0]?.outcome ?? served.status} and /health ${health.status}`,
        [ref(served), ref(health)],
      );

      const deadline = HEADERS_DEADLINE_MS + DEADLINE_TOLERANCE_MS;
      const [silentClosed, trickleClosed, stallEnded] = await Promise.all([
        silent.closedWithin(deadline),
        trickle.closedWithin(deadline),
        stall.answeredOrClosedWithin(deadline),
      ]);
      for (const [what, closedAfter, connection] of [
        ['a connection that sent nothing', silentClosed, silent],
        ['a connection whose headers stopped part-way', trickleClosed, trickle],
      ] as const) {
        t.check(
          'GEN-TMO-001',
          closedAfter !== null,
          closedAfter !== null
            ? `${what} was closed after ${closedAfter} ms`
            : `${what} was still open after ${deadline} ms (GEN-TMO-001 allows ${HEADERS_DEADLINE_MS} ms)`,
          [ref(connection.close())],
        );
      }
      const stallAnswer = stall.answer;
      const abandoned = stallEnded !== null && (stallAnswer === null || stallAnswer.status >= 400);
      // The catalog sets no deadline for a stalled body; the header deadline is the one applied.
      t.check(
        'GEN-TMO-002',
        abandoned,
        stallEnded === null
          ? `a body that stopped 2 bytes before its end was still pending after ${deadline} ms`
          : `a body that stopped 2 bytes before its end was ${stallAnswer ? `answered ${stallAnswer.status}` : 'dropped'} after ${stallEnded} ms`,
        [ref(stall.close())],
      );
    });

    const serving = await stillServing(t, bystander.serialNumber);
    t.check('GEN-TMO-003', serving.ok, `after resets at four phases: ${serving.message}`, [
      ...resets,
      ...serving.evidence,
    ]);
    const untouched = await certificateStatus(t, stalledOn.serialNumber);
    const whole = await postRevocations(t, revocationBatch([stalled]));
    const outcome = resultsOf(whole)[0]?.outcome;
    t.check(
      'GEN-TMO-002',
      untouched.body.status === 'good' && outcome === 'accepted',
      `after the stalled body the certificate it named was ${untouched.body.status ?? untouched.answer.status}, and its record sent whole was answered ${outcome ?? whole.status} (nothing of it may be applied)`,
      [ref(untouched.answer), ref(whole)],
    );
  },
);
