import { ownAnswersCheck, servedWithinCheck } from '../../src/checks/check-relay-answers.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { answerOutOfOrder } from '../../src/mocks/crypto-device/out-of-order.ts';
import { relay } from './adapter.ts';
import {
  answerOf,
  DEVICE,
  deviceGate,
  deviceOperations,
  failNextSeal,
  forwardedToCenter,
  readMetrics,
  sendConcurrently,
  sendMessage,
  terminalMessage,
} from './relay-scenario.ts';

// Forwarding through the crypto device (INC-2016-RELAY): every message is sealed and opened by
// the device, reaches the national center as the terminal sent it, and every terminal gets the
// answer to its own message, even when the device answers out of order.
const suite = conformanceSuite(relay);

suite.test(
  {
    id: 'RL-F01',
    title: 'forwards each message through the crypto device to the center and answers its own response',
    requirements: ['RLY-FWD-001', 'RLY-FWD-002', 'RLY-FWD-003', 'GEN-OBS-004', 'GEN-SEND-001', 'RLY-MET-003'],
  },
  async (t) => {
    const marks = { center: (await t.env.mock('national-center').ledgerEntries()).at(-1)?.seq ?? 0 };
    const deviceMark = (await t.env.mock(DEVICE).ledgerEntries()).at(-1)?.seq ?? 0;
    const before = await readMetrics(t);
    const message = terminalMessage();
    const answer = await sendMessage(t, message);
    const own = answerOf(message, answer);
    const answered = [{ ledger: 'suite', seq: answer.entry.seq }];
    // A mock records an exchange once its connection is done: give the last ones a moment.
    await t.waitFor(
      'the mocks recorded the message',
      async () =>
        (await forwardedToCenter(t, marks.center)).length >= 1 &&
        (await deviceOperations(t, deviceMark)).length >= 4
          ? true
          : undefined,
      { timeoutMs: 1_000, intervalMs: 20 },
    );
    const forwarded = await forwardedToCenter(t, marks.center);
    const operations = await deviceOperations(t, deviceMark);
    const toCenter = forwarded.map((e) => ({ ledger: 'national-center', seq: e.seq }));
    const viaDevice = operations.map((e) => ({ ledger: DEVICE, seq: e.seq }));
    const same =
      forwarded.length === 1 && JSON.stringify(forwarded[0]?.requestBody) === JSON.stringify(message);
    const centerAnswer = forwarded[0]?.responseBody;
    t.check(
      'RLY-FWD-001',
      same && own.status === 200 && JSON.stringify(answer.body) === JSON.stringify(centerAnswer),
      same
        ? `the message reached the center unchanged once; the terminal got ${own.status} ${JSON.stringify(answer.body) === JSON.stringify(centerAnswer) ? 'with the center’s answer' : 'with something other than the center’s answer'}`
        : `the center received ${forwarded.length} messages, ${forwarded.length === 1 ? 'not the one the terminal sent' : 'not exactly one'}`,
      [...answered, ...toCenter],
    );
    const seals = operations.filter((e) => e.path === '/seal');
    const unseals = operations.filter((e) => e.path === '/unseal');
    // Ledgers keep their own monotonic clocks: parties are compared on the wall clock.
    const wall = (at: string | undefined) => (at === undefined ? Number.NaN : Date.parse(at));
    const sealedText = (e: (typeof seals)[number] | undefined) =>
      Buffer.from(
        String((e?.requestBody as { plaintext?: string } | null)?.plaintext ?? ''),
        'base64',
      ).toString('utf8');
    const sealedMessage = seals.some((e) => sealedText(e).includes(message.messageId));
    const sealedFirst = sealedMessage && wall(seals[0]?.at) <= wall(forwarded[0]?.at);
    t.check(
      'RLY-FWD-002',
      sealedFirst && seals.length >= 2 && unseals.length >= 1,
      `the device saw ${seals.length} seal and ${unseals.length} unseal operations for one message${sealedFirst ? ', the message sealed before it was forwarded' : sealedMessage ? ', but the message was sealed only after it was forwarded' : ', none of them sealing the message'} (a message and its answer each pass through it)`,
      [...viaDevice, ...toCenter],
    );
    const correlation = answer.correlationId;
    t.check(
      'RLY-FWD-003',
      forwarded.length > 0 && forwarded.every((e) => e.correlationId === correlation),
      `forwarded with X-Correlation-Id ${forwarded.map((e) => e.correlationId).join(', ') || 'none'} (the terminal sent ${correlation})`,
      toCenter,
    );
    const outbound = [...forwarded, ...operations];
    t.check(
      'GEN-OBS-004',
      outbound.length > 0 && outbound.every((e) => /^[A-Za-z0-9._-]{1,64}$/.test(e.correlationId ?? '')),
      `${outbound.length} outbound calls, each with a valid X-Correlation-Id`,
      [...toCenter, ...viaDevice],
    );
    const invalid = outbound.filter((e) => e.validation.request?.valid !== true);
    t.check(
      'GEN-SEND-001',
      outbound.length > 0 && invalid.length === 0,
      invalid.length === 0
        ? `${outbound.length} messages sent to the device and the center, each valid against its schema`
        : `${invalid.length} sent messages do not validate: ${invalid.map((e) => e.path).join(', ')}`,
      [...toCenter, ...viaDevice],
    );
    const after = await readMetrics(t);
    const counted = after.metrics.device.operations - before.metrics.device.operations;
    t.check(
      'RLY-MET-003',
      counted === operations.length && after.metrics.device.latencyMs.max > 0,
      `device.operations moved by ${counted} for the ${operations.length} operations the device answered (latency max ${after.metrics.device.latencyMs.max} ms)`,
      [before.ref, after.ref, ...viaDevice],
    );
  },
);

suite.test(
  {
    id: 'RL-D01',
    title: 'crypto-device answers out of order never cross: every terminal gets its own answer',
    requirements: ['RLY-DEV-001', 'RLY-FWD-006', 'GEN-TMO-005'],
    timeoutMs: 60_000,
  },
  async (t) => {
    const gate = deviceGate(t);
    const width = 3;
    const { requestTimeoutMs } = t.env.capabilities.parameters;
    // Start from a relay no earlier test has left anything in: a relay that misroutes one device
    // answer keeps misrouting the next ones, so what it did before would decide this test.
    // A target tekigo did not start is taken as it is.
    await t.env.control?.crashAndRestart();
    const crossing = async () => {
      // No device operation of an earlier test may still be waiting: it would take an answer.
      await t.waitFor(
        'no message in progress',
        async () => ((await readMetrics(t)).metrics.messages.inProgress === 0 ? true : undefined),
        { timeoutMs: requestTimeoutMs, intervalMs: 50 },
      );
      await gate.hold();
      const messages = Array.from({ length: width }, terminalMessage);
      const sending = Promise.all(messages.map((m) => sendMessage(t, m)));
      // Each message makes four device operations; each round is answered once every message's
      // operation is held, all together: the first round in reverse order, the others in order.
      const order = await answerOutOfOrder(gate, { width, rounds: 4, stepTimeoutMs: requestTimeoutMs });
      const responses = await sending;
      t.observe('device-answer-order', { operationIds: order, reversedRounds: [0] });
      return messages.map((m, i) => answerOf(m, responses[i] as (typeof responses)[number]));
    };
    // A round that could not fill before the relay's requestTimeoutMs (a starved machine) leaves
    // no forward-response to judge: the crossing is set up once more.
    let answers = await crossing();
    if (answers.every((a) => a.answeredMessageId === null)) answers = await crossing();
    const traffic = { answers, boundMs: t.env.capabilities.parameters.deliveryBoundMs * 3 };
    t.apply(ownAnswersCheck('RLY-DEV-001'), traffic);
    t.apply(ownAnswersCheck('RLY-FWD-006'), traffic);
    t.apply(ownAnswersCheck('GEN-TMO-005'), traffic);
    const unanswered = answers.filter((a) => a.status !== 200);
    t.check(
      'RLY-DEV-001',
      unanswered.length === 0,
      unanswered.length === 0
        ? `all ${answers.length} messages were answered 200 though the device answered out of order`
        : `${unanswered.length} of ${answers.length} messages failed when the device answered out of order: ${unanswered.map((a) => a.status).join(', ')}`,
      answers.flatMap((a) => a.refs),
    );
  },
);

suite.test(
  {
    id: 'RL-E01',
    title: 'a crypto-device error fails that message 503 and nothing of it is forwarded; others go on',
    requirements: ['RLY-DEV-004', 'RLY-FWD-002', 'RLY-FWD-008'],
  },
  async (t) => {
    const center = (await t.env.mock('national-center').ledgerEntries()).at(-1)?.seq ?? 0;
    await failNextSeal(t);
    const failing = terminalMessage();
    const failed = await sendMessage(t, failing);
    await t.env.mock(DEVICE).clearFaults();
    const others = await sendConcurrently(t, 3);
    const forwarded = await forwardedToCenter(t, center);
    const leaked = forwarded.filter(
      (e) => (e.requestBody as { messageId?: string } | null)?.messageId === failing.messageId,
    );
    const problem = failed.body as { type?: string } | null;
    const refs = [{ ledger: 'suite', seq: failed.entry.seq }];
    t.check(
      'RLY-DEV-004',
      failed.status === 503 && problem?.type === 'urn:tekigo:problem:unavailable',
      `the message whose seal the device refused was answered ${failed.status} ${problem?.type ?? ''}`,
      refs,
    );
    t.check(
      'RLY-FWD-002',
      leaked.length === 0,
      leaked.length === 0
        ? 'the message whose sealing failed was not forwarded'
        : `the message whose sealing failed was forwarded ${leaked.length} time(s)`,
      [...refs, ...leaked.map((e) => ({ ledger: 'national-center', seq: e.seq }))],
    );
    t.apply(servedWithinCheck('RLY-FWD-008'), {
      answers: others,
      boundMs: t.env.capabilities.parameters.deliveryBoundMs,
    });
  },
);
