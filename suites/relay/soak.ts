import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { attributeSoakFailures, type SoakFailure } from '../../src/checks/relay-soak-failures.ts';
import { createRawHttpClient } from '../../src/client/raw-http-client.ts';
import { TekigoUsageError } from '../../src/errors.ts';
import { Ledger } from '../../src/evidence/ledger.ts';
import { specValidator } from '../../src/evidence/validate.ts';
import { type StartedMock, startMock } from '../../src/mocks/mock-runtime.ts';
import { referenceFor } from '../../src/reference/registry.ts';
import { createHttpClient } from '../../src/transport/index.ts';
import { launchParty } from '../../test-env/embedded/index.ts';
import type { RelayMetrics } from './relay-scenario.ts';

/** A long local run of the relay suite's mix: not for CI (`tekigo run --role relay --soak 10m`). */
export interface SoakOptions {
  /** `reference` or `replica:NAME`. */
  readonly target: string;
  readonly durationMs: number;
  /** How often a sample line is printed. */
  readonly everyMs?: number;
  /**
   * Terminals sending at once, each its next message as soon as the last is answered (default 8):
   * the message rate is lanes ÷ latency, so a slow, loaded machine sends fewer.
   */
  readonly lanes?: number;
  /** Where the samples and the verdict go as JSON. */
  readonly out?: string;
  readonly print: (line: string) => void;
}

export interface SoakSample {
  readonly atMs: number;
  readonly openConnections: number;
  readonly inProgress: number;
  readonly rssBytes: number;
  readonly sent: number;
  readonly answered200: number;
  readonly failed: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

/** `90s`, `10m`, `1h` or milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match)
    throw new TekigoUsageError(
      'BAD_DURATION',
      `cannot read the duration "${text}"; write it as 90s, 10m or 1h`,
    );
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[(match[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(match[1]) * unit);
}

/** RLY-SOAK-002's warm-up: the first tenth of the soak, at most 60 s (at least 1 s). */
export const soakWarmupMs = (durationMs: number): number =>
  Math.max(1_000, Math.min(60_000, Math.round(durationMs / 10)));

/** RLY-SOAK-001: a soak judges the relay over at least this many messages. */
export const SOAK_MESSAGES = 10_000;

const mib = (bytes: number): string => (bytes / 1048576).toFixed(1);

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);

/**
 * Runs the relay under the suite's mix for `durationMs`: terminals sending messages without
 * pause, connections abandoned at every phase, and seeded faults of the center (hangs, resets)
 * and the device (errors). Prints a sample line every `everyMs` (connections, memory, latency)
 * and judges RLY-SOAK-001/002 at the end. RLY-SOAK-001: every message without an injected fault
 * answered correctly; each failed message is matched to its own exchanges with the device and the
 * center (`attributeSoakFailures`), and the verdict is inconclusive below SOAK_MESSAGES messages.
 * RLY-SOAK-002: open connections back to their level before the run, and memory within 1.5 times
 * its level after the warm-up (`warmupMs`: the run's first tenth, at most 60 s, of the same mix).
 */
export async function runRelaySoak(options: SoakOptions): Promise<number> {
  const { durationMs, print } = options;
  const everyMs = options.everyMs ?? 30_000;
  const lanes = options.lanes ?? 8;
  const replica = options.target.startsWith('replica:') ? options.target.slice('replica:'.length) : undefined;
  if (options.target !== 'reference' && replica === undefined)
    throw new TekigoUsageError('BAD_SOAK_TARGET', 'a soak runs against --target reference or replica:NAME');
  const validate = await specValidator();
  const device = await startMock({ role: 'crypto-device', validate });
  const center = await startMock({ role: 'national-center', validate });
  const mocks: StartedMock[] = [device, center];
  // A relay that does not start must not leave the mocks running (the process would never exit).
  const relay = await launchParty({
    name: 'relay-soak',
    entry: referenceFor('relay').entry,
    // As for every target tekigo starts: a loaded machine can take well over 15 s.
    startTimeoutMs: 60_000,
    args: [
      '--test-mode',
      '--peer',
      `crypto-device=${device.url}`,
      '--peer',
      `national-center=${center.url}`,
      ...(replica ? ['--replica', replica] : []),
    ],
  }).catch(async (error: unknown) => {
    for (const mock of mocks) await mock.stop();
    throw error;
  });
  const client = createHttpClient();
  const ledger = new Ledger();
  const raw = createRawHttpClient({ baseUrl: relay.url, ledger, validate, answerWaitMs: 5_000 });
  const metrics = async (): Promise<RelayMetrics> =>
    (await (await client.fetch(`${relay.url}/metrics`, { timeoutMs: 5_000 })).json()) as RelayMetrics;
  const samples: SoakSample[] = [];
  let window: number[] = [];
  let sent = 0;
  let answered200 = 0;
  let crossed = 0;
  let failed = 0;
  const failures: SoakFailure[] = [];
  try {
    // Seeded faults: the same run replays. Each applies to a small share of the calls.
    await center.setFaults({
      seed: 2016,
      rules: [
        {
          id: 'center-hangs',
          interface: 'relay-forwarding',
          when: { probability: 0.003 },
          action: { kind: 'hang' },
        },
        {
          id: 'center-resets',
          interface: 'relay-forwarding',
          when: { probability: 0.003 },
          action: { kind: 'reset' },
        },
      ],
    });
    await device.setFaults({
      seed: 2016,
      rules: [
        {
          id: 'device-errors',
          interface: 'crypto-device',
          when: { probability: 0.002 },
          action: { kind: 'status', status: 503 },
        },
      ],
    });
    // Let the start settle, then take the levels to come back to.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const before = await metrics();
    print(
      `soak: ${options.target} for ${Math.round(durationMs / 1000)} s, ${lanes} terminals, sample every ${Math.round(everyMs / 1000)} s; RLY-SOAK-001 needs ${SOAK_MESSAGES.toLocaleString('en')} messages, ${(SOAK_MESSAGES / (durationMs / 1000)).toFixed(1)} a second over this run`,
    );
    print('  t(s)  open  inProgress  rss(MiB)   sent   200  failed  p50(ms)  p95(ms)  max(ms)');
    const started = performance.now();
    const deadline = started + durationMs;
    // RLY-SOAK-002: memory is compared with its level once the runtime has warmed up under load.
    const warmupMs = soakWarmupMs(durationMs);
    const warmup = (async () => {
      await new Promise((resolve) => setTimeout(resolve, warmupMs));
      const warm = await metrics();
      print(
        `soak: memory level after a ${Math.round(warmupMs / 1000)} s warm-up: ${mib(warm.memory.rssBytes)} MiB`,
      );
      return warm;
    })();
    const terminal = async (lane: number) => {
      while (performance.now() < deadline) {
        const messageId = randomUUID();
        const correlationId = randomUUID();
        const message = {
          messageId,
          terminalId: `SOAK-${String(lane).padStart(4, '0')}`,
          municipalityCode: '131016',
          operation: 'card-status',
          sentAt: new Date().toISOString(),
          payload: { residentCode: '12345678900', cardSerial: `SOAK${String(sent).padStart(8, '0')}` },
        };
        sent += 1;
        const t0 = performance.now();
        try {
          const response = await client.fetch(`${relay.url}/relay/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
            body: JSON.stringify(message),
            timeoutMs: 15_000,
          });
          const body = (await response.json().catch(() => null)) as {
            messageId?: string;
            type?: string;
          } | null;
          window.push(performance.now() - t0);
          if (response.status === 200 && body?.messageId === messageId) answered200 += 1;
          else if (response.status === 200) crossed += 1;
          else {
            failed += 1;
            failures.push({
              correlationId,
              status: response.status,
              problem: body?.type ?? null,
              elapsedMs: performance.now() - t0,
            });
          }
        } catch (error) {
          failed += 1;
          failures.push({
            correlationId,
            status: null,
            problem: String(error),
            elapsedMs: performance.now() - t0,
          });
        }
      }
    };
    const abandon = async () => {
      const phases = [
        async () => (await raw.open()).reset(),
        async () => {
          const c = await raw.open();
          await c.write('POST /relay/messages HTTP/1.1\r\nHost: soak\r\n');
          c.reset();
        },
        async () => {
          const c = await raw.open();
          await c.write(
            'POST /relay/messages HTTP/1.1\r\nHost: soak\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{"messageId":',
          );
          c.reset();
        },
        async () => {
          const c = await raw.open();
          await c.closedWithin(2_500);
          c.close();
        },
      ];
      for (let i = 0; performance.now() < deadline; i += 1) {
        await phases[i % phases.length]?.().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const sampler = async () => {
      while (performance.now() < deadline) {
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(everyMs, Math.max(0, deadline - performance.now()))),
        );
        const m = await metrics();
        const sorted = [...window].sort((a, b) => a - b);
        window = [];
        const sample: SoakSample = {
          atMs: Math.round(performance.now() - started),
          openConnections: m.connections.open,
          inProgress: m.messages.inProgress,
          rssBytes: m.memory.rssBytes,
          sent,
          answered200,
          failed,
          p50Ms: Math.round(percentile(sorted, 0.5)),
          p95Ms: Math.round(percentile(sorted, 0.95)),
          maxMs: Math.round(sorted.at(-1) ?? 0),
        };
        samples.push(sample);
        print(
          `${String(Math.round(sample.atMs / 1000)).padStart(6)}${String(sample.openConnections).padStart(6)}${String(sample.inProgress).padStart(12)}${mib(sample.rssBytes).padStart(10)}${String(sent).padStart(7)}${String(answered200).padStart(6)}${String(failed).padStart(8)}${String(sample.p50Ms).padStart(9)}${String(sample.p95Ms).padStart(9)}${String(sample.maxMs).padStart(9)}`,
        );
        ledger.clear();
      }
    };
    const [warm] = await Promise.all([
      warmup,
      ...Array.from({ length: lanes }, (_, i) => terminal(i)),
      abandon(),
      sampler(),
    ]);
    await center.clearFaults();
    await device.clearFaults();
    // What the run held must come back: wait for idle connections and hung calls to end.
    const settle =
      before.bounds.idleTimeoutMs + before.bounds.requestTimeoutMs + before.bounds.headersTimeoutMs + 2_000;
    await new Promise((resolve) => setTimeout(resolve, settle));
    const after = await metrics();
    // Every failure is matched to its own message's exchanges: a fault explains its message only.
    const { injected, faulted, peerLate, relayStarved, terminalLate, unexplained } = attributeSoakFailures(
      failures,
      [await center.ledgerEntries(), await device.ledgerEntries()],
      after.bounds,
    );
    const memoryRatio = after.memory.rssBytes / warm.memory.rssBytes;
    const verdict = {
      'RLY-SOAK-001':
        crossed > 0 || unexplained.length > 0 ? 'fail' : sent < SOAK_MESSAGES ? 'inconclusive' : 'pass',
      'RLY-SOAK-002':
        after.connections.open <= before.connections.open &&
        after.messages.inProgress === 0 &&
        memoryRatio <= 1.5
          ? 'pass'
          : 'fail',
    };
    print(
      `soak: ${sent} messages, ${answered200} answered 200 with their own response, ${crossed} crossed, ${failed} failed: ${faulted} with a fault injected (${injected} faults injected), ${peerLate} answered 504 after the relay waited its requestTimeoutMs for a mock that had not answered, ${relayStarved} answered 504 because the relay's timer ran out before it read a mock's answer, ${terminalLate} answered 408 because tekigo's terminal did not finish sending within the relay's client timeout (the last three: a starved machine), ${unexplained.length} unexplained`,
    );
    for (const u of unexplained.slice(0, 10))
      print(
        `soak:   unexplained: ${u.correlationId} ${u.status ?? 'no answer'} ${u.problem ?? ''}: ${u.why}`,
      );
    print(
      `soak: open connections ${before.connections.open} → ${after.connections.open}, in progress ${after.messages.inProgress}, memory ${mib(before.memory.rssBytes)} at the start, ${mib(warm.memory.rssBytes)} after the warm-up → ${mib(after.memory.rssBytes)} MiB at the end (×${memoryRatio.toFixed(2)} of the warm level)`,
    );
    print(
      `soak: RLY-SOAK-001 ${verdict['RLY-SOAK-001']}, RLY-SOAK-002 ${verdict['RLY-SOAK-002']}${sent < SOAK_MESSAGES ? ` (RLY-SOAK-001 asks for at least ${SOAK_MESSAGES.toLocaleString('en')} messages; this run sent ${sent})` : ''}`,
    );
    if (options.out)
      writeFileSync(
        options.out,
        `${JSON.stringify({ target: options.target, durationMs, warmupMs, before, warm, after, samples, sent, answered200, failed, crossed, injected, faulted, peerLate, relayStarved, terminalLate, unexplained, verdict }, null, 2)}\n`,
      );
    return Object.values(verdict).some((v) => v === 'fail') ? 1 : 0;
  } finally {
    await client.close();
    await relay.stop();
    for (const mock of mocks) await mock.stop();
  }
}
