import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  call,
  cardBatch,
  change,
  env,
  INDIVIDUAL_NUMBER,
  issuance,
  type Json,
  RESIDENTS,
  revocationsSent,
  sendChanges,
  sendIssuances,
  start,
  TOKYO,
  waitFor,
} from './nc-test-harness.ts';

const [A] = RESIDENTS;

function message(operation: string, payload: Json): Json {
  return {
    messageId: randomUUID(),
    terminalId: 'TERM-0001',
    municipalityCode: TOKYO,
    operation,
    sentAt: new Date().toISOString(),
    payload: { residentCode: A, ...payload },
  };
}

async function send(body: Json): Promise<Json> {
  const res = await call('POST', '/card-management/messages', body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(env.spec.validate('relay-forwarding/forward-response', res.body).errors).toEqual([]);
  return res.body;
}

describe('card-management', () => {
  it('issues, suspends, resumes and revokes a card; refuses a disallowed transition; revokes certificates', async () => {
    await start();
    await sendChanges([change(A, 'birth')]);
    expect((await send(message('card-issue', { individualNumber: INDIVIDUAL_NUMBER }))).problem.status).toBe(
      404,
    );
    const batch = cardBatch([A]);
    await call('POST', '/card-batches', batch);
    await waitFor(
      async () => (await call('GET', `/card-batches/${batch.batchId}`)).body.state,
      (state) => state === 'completed',
    );
    const issue = message('card-issue', { individualNumber: INDIVIDUAL_NUMBER });
    const issued = await send(issue);
    expect(issued).toMatchObject({ status: 'completed', result: { cardState: 'active' } });
    // The same message again: the same answer, no second card; other content under its id: 409.
    expect(await send({ ...issue })).toEqual(issued);
    expect(
      (await call('POST', '/card-management/messages', { ...issue, terminalId: 'TERM-0002' })).status,
    ).toBe(409);
    const { cardSerial } = issued.result;
    expect((await send(message('card-resume', { cardSerial }))).problem.type).toBe(
      'urn:tekigo:problem:conflict',
    );
    expect((await send(message('card-suspend', { cardSerial, reason: 'loss' }))).result.cardState).toBe(
      'suspended',
    );
    expect((await send(message('card-resume', { cardSerial }))).result.cardState).toBe('active');
    await sendIssuances([issuance(A)]);
    expect((await send(message('card-revoke', { cardSerial, reason: 'theft' }))).result.cardState).toBe(
      'revoked',
    );
    const [revocation] = await waitFor(revocationsSent, (sent) => sent.length === 1);
    expect(revocation).toMatchObject({ residentCode: A, reason: 'loss' });
    expect(revocation.changeRecordId).toBeUndefined();
    expect((await send(message('card-status', { cardSerial }))).result).toEqual({
      cardSerial,
      cardState: 'revoked',
    });
  });
});
