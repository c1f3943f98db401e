import { randomUUID } from 'node:crypto';
import type { RelayAnswer } from '../../src/checks/check-relay-answers.ts';
import type { RelayGauges } from '../../src/checks/check-relay-baseline.ts';
import type { SutResponse } from '../../src/client/sut-client.ts';
import type { ConformanceTest } from '../../src/conformance/conformance-suite.ts';
import type { ExchangeEntry, LedgerEntry } from '../../src/evidence/ledger-entry.ts';
import type { HeldOperation, ReleasePlan } from '../../src/mocks/crypto-device/device-gate.ts';
import type { DeviceGateControl } from '../../src/mocks/crypto-device/out-of-order.ts';
import type { EvidenceRef } from '../../src/report/report-model.ts';

export const DEVICE = 'crypto-device';
export const CENTER = 'national-center';
export const FORWARDING = 'relay-forwarding';
export const MUNICIPALITY_CODE = '131016';
const RESIDENT_CODE = '12345678900';

/** The declared bounds of health/relay-metrics. */
export interface RelayBounds {
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxConnections: number;
  readonly maxConcurrentRequests: number;
}

/** The parts of health/relay-metrics the suite reads. */
export interface RelayMetrics {
  readonly bounds: RelayBounds;
  readonly connections: { readonly open: number; readonly peak: number; readonly accepted: number };
  readonly messages: {
    readonly inProgress: number;
    readonly received: number;
    readonly forwarded: number;
    readonly failed: number;
    readonly overloaded: number;
  };
  readonly limitHits: number;
  readonly upstreamTimeouts: number;
  readonly device: {
    readonly operations: number;
    readonly timeouts: number;
    readonly latencyMs: { readonly max: number };
  };
  readonly memory: { readonly rssBytes: number };
}

export interface TerminalMessage {
  readonly messageId: string;
  readonly terminalId: string;
  readonly municipalityCode: string;
  readonly operation: 'card-status';
  readonly sentAt: string;
  readonly payload: { readonly residentCode: string; readonly cardSerial: string };
}

let counter = 0;

/** A card-status message from a municipal terminal: synthetic, no personal data. */
export function terminalMessage(): TerminalMessage {
  counter += 1;
  return {
    messageId: randomUUID(),
    terminalId: `TERM-${String(counter % 10_000).padStart(4, '0')}`,
    municipalityCode: MUNICIPALITY_CODE,
    operation: 'card-status',
    sentAt: new Date().toISOString(),
    payload: { residentCode: RESIDENT_CODE, cardSerial: `CARD${String(counter).padStart(8, '0')}` },
  };
}

export async function sendMessage(t: ConformanceTest, message: unknown): Promise<SutResponse> {
  return t.env.sut.post('/relay/messages', message, {
    interface: FORWARDING,
    requestType: 'relay-forwarding/forward-request',
    responseType: 'relay-forwarding/forward-response',
  });
}

/** The answer to one message as the checks of check-relay-answers read it. */
export function answerOf(message: { readonly messageId: string }, response: SutResponse): RelayAnswer {
  const body = response.body as { messageId?: unknown } | null;
  return {
    refs: [{ ledger: 'suite', seq: response.entry.seq }],
    messageId: message.messageId,
    status: response.status,
    answeredMessageId: response.status === 200 && typeof body?.messageId === 'string' ? body.messageId : null,
    durationMs: response.entry.durationMs,
  };
}

/** Sends `count` messages at once; the answers in the order sent. */
export async function sendConcurrently(t: ConformanceTest, count: number): Promise<RelayAnswer[]> {
  const messages = Array.from({ length: count }, terminalMessage);
  const responses = await Promise.all(messages.map((m) => sendMessage(t, m)));
  return messages.map((m, i) => answerOf(m, responses[i] as SutResponse));
}

/**
 * Normal traffic: `lanes` terminals each sending one message after another until `until`
 * resolves (and at least `minimum` messages each).
 */
export async function normalTraffic(
  t: ConformanceTest,
  until: Promise<unknown>,
  { lanes = 2, minimum = 2 } = {},
): Promise<RelayAnswer[]> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const answers: RelayAnswer[] = [];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let sent = 0; !done || sent < minimum; sent += 1) {
        const message = terminalMessage();
        answers.push(answerOf(message, await sendMessage(t, message)));
      }
    }),
  );
  return answers;
}

export async function readMetrics(t: ConformanceTest): Promise<{ metrics: RelayMetrics; ref: EvidenceRef }> {
  const answer = await t.env.sut.get('/metrics', {
    interface: 'health',
    responseType: 'health/relay-metrics',
  });
  const ref = { ledger: 'suite', seq: answer.entry.seq };
  if (answer.status !== 200 || answer.entry.validation.response?.valid !== true)
    t.check(
      'RLY-MET-001',
      false,
      `GET /metrics answered ${answer.status}${answer.status === 200 ? ' with a body that is not health/relay-metrics' : ''}`,
      [ref],
    );
  return { metrics: answer.body as RelayMetrics, ref };
}

export const gaugesOf = ({ metrics, ref }: { metrics: RelayMetrics; ref: EvidenceRef }): RelayGauges => ({
  ref,
  openConnections: metrics.connections.open,
  messagesInProgress: metrics.messages.inProgress,
});

/**
 * Polls GET /metrics until open connections and messages in progress are back at `before`, or
 * `waitMs` has passed; returns the last reading and how long it took.
 */
export async function waitForBaseline(
  t: ConformanceTest,
  before: RelayGauges,
  waitMs: number,
): Promise<{ after: RelayGauges; waitedMs: number }> {
  const started = performance.now();
  for (;;) {
    const after = gaugesOf(await readMetrics(t));
    const waitedMs = Math.round(performance.now() - started);
    const back =
      after.openConnections <= before.openConnections &&
      after.messagesInProgress <= before.messagesInProgress;
    if (back || waitedMs >= waitMs) return { after, waitedMs };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The crypto-device mock's answer gate, driven over HTTP; every command is in the suite's ledger. */
export function deviceGate(t: ConformanceTest): DeviceGateControl {
  const device = t.env.peer(DEVICE);
  return {
    async hold() {
      await device.post('/device-control/hold', {});
    },
    async held(count = 0, waitMs = 0) {
      const answer = await device.get(`/device-control/held?atLeast=${count}&waitMs=${waitMs}`);
      return (answer.body as { held?: HeldOperation[] } | null)?.held ?? [];
    },
    async release(plan: ReleasePlan) {
      await device.post('/device-control/release', plan);
    },
  };
}

/** Exchanges the national-center mock received on relay-forwarding during this test. */
export async function forwardedToCenter(t: ConformanceTest, since: number) {
  return (await t.env.mock(CENTER).ledgerEntries(since)).filter(exchangeOn(FORWARDING));
}

/** Exchanges the crypto-device mock received during this test. */
export async function deviceOperations(t: ConformanceTest, since: number) {
  return (await t.env.mock(DEVICE).ledgerEntries(since)).filter(exchangeOn(DEVICE));
}

const exchangeOn =
  (iface: string) =>
  (e: LedgerEntry): e is ExchangeEntry =>
    e.kind === 'exchange' && e.interface === iface;

/** The device refuses the next seal with 503 (a device error); cleared by `clearFaults` or a reset. */
export async function failNextSeal(t: ConformanceTest): Promise<void> {
  await t.env.mock(DEVICE).setFaults({
    rules: [
      {
        id: 'device-error',
        interface: DEVICE,
        path: '/seal',
        times: 1,
        action: { kind: 'status', status: 503 },
      },
    ],
  });
}
