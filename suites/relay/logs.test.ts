import { relayMessageLogged } from '../../src/checks/check-relay-message-log.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { rawClient } from '../../src/conformance/profiles/batch-receiver/receiver-judges.ts';
import { relay } from './adapter.ts';
import { CENTER, DEVICE, FORWARDING, sendMessage, terminalMessage } from './relay-scenario.ts';

// The log alone must explain a failed message (INC-2016-RELAY: the logs were too thin and the
// relay had to be changed before the cause could be found): every message with its ids, phases
// and outcome, and every timeout with the phase it struck in.
const suite = conformanceSuite(relay);

const parse = (lines: readonly string[]): Record<string, unknown>[] =>
  lines.flatMap((line) => {
    try {
      const value = JSON.parse(line) as unknown;
      return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });

suite.test(
  {
    id: 'RL-L01',
    title: 'logs every message with its ids, phases and outcome, and every timeout with its phase',
    requirements: ['RLY-OBS-001', 'RLY-OBS-002', 'GEN-OBS-006'],
    timeoutMs: 60_000,
  },
  async (t) => {
    const control = t.control();
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    const device = t.env.mock(DEVICE);
    const center = t.env.mock(CENTER);
    const deviceMark = (await device.ledgerEntries()).at(-1)?.seq ?? 0;
    const centerMark = (await center.ledgerEntries()).at(-1)?.seq ?? 0;
    // The device hangs on the first operation, the center on the first message it gets.
    await device.setFaults({
      rules: [{ id: 'device-hangs', interface: DEVICE, times: 1, action: { kind: 'hang' } }],
    });
    await center.setFaults({
      rules: [{ id: 'center-hangs', interface: FORWARDING, times: 1, action: { kind: 'hang' } }],
    });
    const deviceTimeout = terminalMessage();
    const atDevice = sendMessage(t, deviceTimeout);
    await t.waitFor(
      'the device holds the first operation',
      async () =>
        (await device.ledgerEntries(deviceMark)).some(
          (e) => e.kind === 'observation' && e.what === 'held-open',
        )
          ? true
          : undefined,
      { timeoutMs: deliveryBoundMs, intervalMs: 10 },
    );
    const upstreamTimeout = terminalMessage();
    const normal = terminalMessage();
    const raw = rawClient(t);
    const stalled = await raw.open({ interface: FORWARDING });
    const head = raw.encode({
      method: 'POST',
      path: '/relay/messages',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'rl-l01-stalled-body' },
      body: JSON.stringify(terminalMessage()),
    });
    await stalled.write(head.subarray(0, head.indexOf('\r\n\r\n') + 10));
    const [a, b, c] = await Promise.all([atDevice, sendMessage(t, upstreamTimeout), sendMessage(t, normal)]);
    await stalled.answeredOrClosedWithin(deliveryBoundMs);
    stalled.close();
    const sent = [
      { message: deviceTimeout, answer: a },
      { message: upstreamTimeout, answer: b },
      { message: normal, answer: c },
    ].map(({ message, answer }) => ({
      messageId: message.messageId,
      correlationId: answer.correlationId,
      ref: { ledger: 'suite', seq: answer.entry.seq },
    }));
    // Log lines may reach the log a moment after the answers. The whole kept log is read (it
    // keeps the last lines only, so a position taken before would slide); this test's
    // correlation ids are its own.
    const events =
      (await t.waitFor(
        'the log holds every message',
        async () => {
          const found = parse(control.log());
          return sent.every((m) =>
            found.some((e) => e.correlationId === m.correlationId && e.outcome !== undefined),
          )
            ? found
            : undefined;
        },
        { timeoutMs: 2_000, intervalMs: 50 },
      )) ?? parse(control.log());
    const eventsRef = t.observe('relay-log', { events });
    t.apply(relayMessageLogged, { messages: sent, events, eventsRef });

    const timeoutIn = (correlationId: string, phases: readonly string[]) =>
      events.some(
        (e) =>
          e.correlationId === correlationId &&
          typeof e.phase === 'string' &&
          phases.includes(e.phase) &&
          /timeout/.test(String(e.event)),
      );
    // Which messages the faults struck, as the mocks recorded them (the second and third
    // messages race to the center: either may be the one it holds).
    const heldBy = async (mock: typeof device, since: number) =>
      String(
        (
          (await mock.ledgerEntries(since)).find((e) => e.kind === 'observation' && e.what === 'held-open') as
            | { data?: { correlationId?: string } }
            | undefined
        )?.data?.correlationId ?? '',
      );
    const device1 = { correlationId: await heldBy(device, deviceMark) };
    const upstream1 = { correlationId: await heldBy(center, centerMark) };
    const phaseFound = {
      'crypto device': timeoutIn(device1?.correlationId ?? '', ['crypto-device']),
      upstream: timeoutIn(upstream1?.correlationId ?? '', ['upstream']),
      body: timeoutIn('rl-l01-stalled-body', ['body']),
    };
    t.check(
      'RLY-OBS-002',
      Object.values(phaseFound).every(Boolean),
      `timeouts logged with correlation id and phase: ${Object.entries(phaseFound)
        .map(([phase, found]) => `${phase} ${found ? 'yes' : 'no'}`)
        .join(', ')}`,
      [eventsRef, ...sent.map((m) => m.ref)],
    );
    const attempts = events.filter(
      (e) =>
        (e.correlationId === device1?.correlationId || e.correlationId === upstream1?.correlationId) &&
        typeof e.interface === 'string' &&
        typeof e.peer === 'string' &&
        typeof e.attempt === 'number' &&
        typeof e.cause === 'string',
    );
    t.check(
      'GEN-OBS-006',
      attempts.some((e) => e.peer === DEVICE) && attempts.some((e) => e.peer === CENTER),
      `failed outbound attempts logged with correlation id, interface, peer, attempt and cause: ${attempts.map((e) => `${String(e.peer)} (${String(e.cause)})`).join(', ') || 'none'}`,
      [eventsRef],
    );
  },
);
