import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkNoResendAfterRejection } from '../checks/index.ts';
import { createSutClient, type SutClient } from '../client/sut-client.ts';
import { Ledger } from '../evidence/ledger.ts';
import { type StartedMock, startMock } from './mock-runtime.ts';
import { issuanceBatch, issuanceRecord, stubValidate } from './national-center/issuance-fixtures.ts';

// GEN-SEND-006 over a real mock: a sender that gives up on its own timeout before reading the
// rejection may send the record again; one that read it may not.
const refused = { type: 'urn:tekigo:problem:validation', title: 'Refused by fault', status: 422 };
const IFACE = 'certificate-issuances';
const batch = issuanceBatch([issuanceRecord(1), issuanceRecord(2)]);

describe('the mock records how a client left a connection after its answer', () => {
  let mock: StartedMock;
  let sut: SutClient;
  beforeAll(async () => {
    mock = await startMock({ role: 'national-center', validate: stubValidate });
    sut = createSutClient({
      baseUrl: mock.url,
      ledger: new Ledger(),
      validate: stubValidate,
      from: 'sut',
      to: 'national-center',
    });
  });
  afterEach(() => mock.reset());
  afterAll(async () => {
    await sut.close();
    await mock.stop();
  });
  const rejectSecond = () =>
    mock.setFaults({
      rules: [
        {
          id: 'no-2',
          when: { records: { pointer: '/recordId', in: [issuanceRecord(2).recordId] } },
          action: { kind: 'reject-records', problem: refused },
        },
      ],
    });
  const resend = () => sut.post(`/${IFACE}`, batch, { timeoutMs: 2_000 });

  it('a client that resets the connection at its timeout, answer unread, may re-send', async () => {
    await rejectSecond();
    const { port, hostname } = new URL(mock.url);
    const socket = connect(Number(port), hostname);
    const body = JSON.stringify(batch);
    socket.write(
      `POST /${IFACE} HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await sleep(300); // the timeout of a 300 ms client: it lets go, its system resets
    socket.resetAndDestroy();
    for (let i = 0; i < 100 && !mock.ledger.entries().some((e) => e.kind === 'observation'); i++)
      await sleep(20);
    await resend();
    const found = checkNoResendAfterRejection('national-center', mock.ledger.entries(), IFACE, 300);
    expect(found.verdict).toBe('pass');
    expect(found.message).toContain('never read');
  });

  it('a client that read the rejection on a kept-alive connection may not', async () => {
    await rejectSecond();
    await resend();
    await resend();
    const found = checkNoResendAfterRejection('national-center', mock.ledger.entries(), IFACE, 300);
    expect(found.verdict).toBe('fail');
  });
});
