import { checkCardManagementAnswers, type ExpectedAnswer } from '../../src/checks/check-expected-answers.ts';
import { checkCardRevokeRevocations } from '../../src/checks/check-revocation-presence.ts';
import type { SutResponse } from '../../src/client/sut-client.ts';
import type { ConformanceTest } from '../../src/conformance/conformance-suite.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { canonicalJson } from '../../src/spec/canonical-json.ts';
import { nationalCenter } from './adapter.ts';
import {
  AUTHORITY,
  cardBatch,
  INDIVIDUAL_NUMBER,
  planResidents,
  pollBatch,
  refOf,
  residentsWithCertificates,
  revocationEntries,
  revocationsBySerial,
  submitCardBatch,
  TOKYO,
} from './nc-scenario.ts';

// Card management forwarded by the relay (INC-2016-RELAY): the card state machine, repeated
// messages answered alike, and a revoked card revoking the certificates on it.
const suite = conformanceSuite(nationalCenter);

type Payload = { cardSerial?: string; individualNumber?: string; reason?: string };

function message(residentCode: string, operation: string, payload: Payload) {
  return {
    messageId: crypto.randomUUID(),
    terminalId: 'TERM-0001',
    municipalityCode: TOKYO,
    operation,
    sentAt: new Date().toISOString(),
    payload: { residentCode, ...payload },
  };
}

function forward(t: ConformanceTest, body: ReturnType<typeof message>): Promise<SutResponse> {
  return t.env.sut.post('/card-management/messages', body, {
    interface: 'relay-forwarding',
    requestType: 'relay-forwarding/forward-request',
    responseType: 'relay-forwarding/forward-response',
  });
}

type Forwarded = {
  status?: string;
  result?: { cardSerial?: string; cardState?: string };
  problem?: { type?: string };
};

/** A forward-response in one word: `completed active`, `rejected conflict`, or the HTTP status. */
function summary(answer: SutResponse): string {
  const body = answer.body as Forwarded | null;
  if (answer.status !== 200 || !body) return `status ${answer.status}`;
  if (body.status === 'completed')
    return `completed ${body.result?.cardSerial ? body.result.cardState : 'without cardSerial'}`;
  return `${body.status} ${String(body.problem?.type).split(':').pop()}`;
}

/** The card's life: each operation, the answer the state machine gives, whether it is repeated. */
const WALK = [
  {
    what: 'card-issue for a registered card record',
    operation: 'card-issue',
    expected: 'completed active',
    repeated: true,
  },
  {
    what: 'card-suspend of an active card',
    operation: 'card-suspend',
    expected: 'completed suspended',
    repeated: true,
  },
  {
    what: 'card-resume of a suspended card',
    operation: 'card-resume',
    expected: 'completed active',
    repeated: false,
  },
  {
    what: 'card-resume of an active card',
    operation: 'card-resume',
    expected: 'rejected conflict',
    repeated: false,
  },
  {
    what: 'card-revoke of an active card',
    operation: 'card-revoke',
    expected: 'completed revoked',
    repeated: false,
  },
  {
    what: 'card-suspend of a revoked card',
    operation: 'card-suspend',
    expected: 'rejected conflict',
    repeated: false,
  },
] as const;

suite.test(
  {
    id: 'NC-M01',
    title:
      'card management follows the card state machine, answers a repeated message alike, and a revoked card revokes its certificates within the bound',
    requirements: ['NC-CMG-001', 'NC-CMG-002', 'NC-CMG-003'],
  },
  async (t) => {
    const { deliveryBoundMs, requestTimeoutMs } = t.env.capabilities.parameters;
    const [holder] = planResidents(1);
    if (!holder) throw new Error('one resident planned');
    await residentsWithCertificates(t, [holder]);
    const batch = cardBatch([holder.residentCode]);
    await submitCardBatch(t, batch);
    const registered = await t.waitFor(
      'the card record registered',
      async () => ((await pollBatch(t, batch.batchId)).body?.state === 'completed' ? true : undefined),
      { timeoutMs: deliveryBoundMs, intervalMs: 50 },
    );
    if (!registered)
      t.notApplicable('the card batch of a living resident was not completed: no card to manage');
    const answers: ExpectedAnswer[] = [];
    let cardSerial = 'NONE00000000';
    let sinceEpochMs = Date.now();
    for (const { what, operation, expected, repeated } of WALK) {
      const payload: Payload =
        operation === 'card-issue'
          ? { individualNumber: INDIVIDUAL_NUMBER }
          : operation === 'card-resume'
            ? { cardSerial }
            : { cardSerial, reason: 'loss' };
      const body = message(holder.residentCode, operation, payload);
      if (operation === 'card-revoke') sinceEpochMs = Date.now();
      const answer = await forward(t, body);
      answers.push({
        requirement: 'NC-CMG-002',
        what,
        expected,
        answered: summary(answer),
        ref: refOf(answer),
      });
      cardSerial = (answer.body as Forwarded | null)?.result?.cardSerial ?? cardSerial;
      if (!repeated) continue;
      // The same message again (a relay retry): the answer must equal the first one.
      const again = await forward(t, { ...body, sentAt: new Date().toISOString() });
      const same = again.status === answer.status && canonicalJson(again.body) === canonicalJson(answer.body);
      answers.push({
        requirement: 'NC-CMG-001',
        what: `${operation} repeated`,
        expected: 'the first answer',
        answered: same ? 'the first answer' : `another answer (${summary(again)})`,
        ref: refOf(again),
      });
    }
    t.apply(checkCardManagementAnswers, answers);
    await t.waitFor(
      'a revocation request for the certificate',
      async () =>
        revocationsBySerial(await revocationEntries(t)).has(holder.serialNumber) ? true : undefined,
      { timeoutMs: requestTimeoutMs + deliveryBoundMs + 1_000, intervalMs: 50 },
    );
    t.apply(checkCardRevokeRevocations, {
      ledger: AUTHORITY,
      entries: await revocationEntries(t),
      expectations: [
        {
          requirement: 'NC-CMG-003',
          what: 'the certificate of a resident whose card was revoked',
          serialNumber: holder.serialNumber,
          revoked: true,
          within: { sinceEpochMs, boundMs: deliveryBoundMs },
        },
      ],
    });
  },
);
