import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect } from 'node:tls';
import {
  type AbusedHandshake,
  handshakeAbuseCheck,
  type ServedAnswer,
} from '../../../checks/check-handshake-abuse.ts';
import { baselineCheck, type RelayGauges } from '../../../checks/check-relay-baseline.ts';
import { createRawHttpClient, type RawConnection } from '../../../client/raw-http-client.ts';
import type { SutClient, SutResponse } from '../../../client/sut-client.ts';
import type { ConformanceSuite, ConformanceTest } from '../../conformance-suite.ts';
import type { ConnectionGauge, GaugeReading, RoleAdapter } from '../role-adapter.ts';
import { securityOf } from './production-environment.ts';

/** GEN-TMO-001's deadline for complete headers, which counts from acceptance (d-handshake-deadline). */
const DEADLINE_MS = 10_000;
/** Connection set-up on the suite's side. */
const TOLERANCE_MS = 500;
/** How long past the limit the suite keeps watching, so a close the measured delay excuses is seen. */
const WATCH_MARGIN_MS = 1_500;
/** How long the gauges get to come back once the abused connections ended. */
const GAUGE_WAIT_MS = 3_000;
/** Each stalled kind is held this many times at once: more than a handful, far below any sane cap. */
const HELD_OF_EACH = 3;
/** Plain HTTP on the TLS port: bytes that are not a TLS record. */
const NOT_TLS = 'GET /health HTTP/1.1\r\nhost: tekigo.invalid\r\n\r\n';

/**
 * `<PREFIX>-A07`: while TLS handshakes are abused (connections left silent, half a ClientHello
 * then silence, a whole one then silence, bytes that are not TLS, ClientHellos cut by a reset),
 * a client with a valid certificate of the role's operator gets its health and dead letters
 * answered; every stalled connection is closed by the target within 10 s of being accepted
 * (specs/README.md d-handshake-deadline), the target still serves after, and a role that shows
 * its open connections (the relay's metrics) is back to its level before (GEN-TMO-004, and
 * RLY-TMO-002 through the adapter's gauge; INC-2016-RELAY died at connection start).
 */
export function handshakeAbuseTest(suite: ConformanceSuite, adapter: RoleAdapter, prefix: string): void {
  const gauge = adapter.connectionGauge;
  suite.test(
    {
      id: `${prefix}-A07`,
      title:
        'closes TLS handshakes that stall or fail within 10 s of acceptance, and serves a client with a valid certificate meanwhile and after',
      requirements: ['GEN-TMO-004', ...(gauge ? [gauge.requirement] : [])],
      profile: 'production',
    },
    async (t) => {
      const raw = createRawHttpClient({
        baseUrl: t.env.targetUrl,
        ledger: t.env.ledger,
        validate: t.env.spec.validate,
      });
      const hello = await clientHello();
      const before = gauge ? await readable(t, gauge, await gauge.read(t)) : undefined;

      const stalls: [string, Uint8Array | null][] = [
        ['a connection that sent nothing', null],
        ['half a ClientHello, then silence', hello.subarray(0, hello.length >> 1)],
        ['a whole ClientHello, then silence', hello],
      ];
      const held: { what: string; connection: RawConnection; openedAt: number }[] = [];
      for (let round = 1; round <= HELD_OF_EACH; round += 1)
        for (const [what, bytes] of stalls) held.push(await opened(raw, `${what} (${round})`, bytes));
      held.push(await opened(raw, 'bytes that are not TLS', Buffer.from(NOT_TLS)));
      // ClientHellos cut by a reset: released at once; what they held shows in what follows.
      for (const bytes of [hello.subarray(0, hello.length >> 1), hello])
        (await opened(raw, 'reset', bytes)).connection.reset();

      const served: ServedAnswer[] = [];
      await askAsOperator(t, served, 'while the handshakes were held');
      const starved = served.some((s) => s.status !== s.expected);
      // A client refused meanwhile already fails; otherwise every stalled connection gets its deadline.
      const watchMs = starved ? 0 : DEADLINE_MS + TOLERANCE_MS + WATCH_MARGIN_MS;
      const closes = await Promise.all(held.map(({ connection }) => connection.closedWithin(watchMs)));
      const now = performance.now();
      await askAsOperator(t, served, 'after');
      const after = gauge && before ? await backToLevel(t, gauge, before) : undefined;

      const abused: AbusedHandshake[] = held.map(({ what, connection, openedAt }, i) => ({
        what,
        closedAfterMs: closes[i] ?? null,
        openForMs: Math.round((closes[i] ?? now - openedAt) as number),
        ref: { ledger: 'suite', seq: connection.close().seq },
      }));
      const input = { deadlineMs: DEADLINE_MS, toleranceMs: TOLERANCE_MS, abused, served };
      t.apply(handshakeAbuseCheck('GEN-TMO-004'), input);
      if (!gauge) return;
      t.apply(handshakeAbuseCheck(gauge.requirement), input);
      if (before && after)
        t.apply(baselineCheck(gauge.requirement), {
          before,
          after: after.gauges,
          waitedMs: after.waitedMs,
        });
    },
  );
}

/** A raw connection to the target, with `bytes` written once it is open. */
async function opened(
  raw: ReturnType<typeof createRawHttpClient>,
  what: string,
  bytes: Uint8Array | null,
): Promise<{ what: string; connection: RawConnection; openedAt: number }> {
  const openedAt = performance.now();
  const connection = await raw.open();
  if (bytes) await connection.write(bytes);
  return { what, connection, openedAt };
}

/** A new client with a valid certificate of the role's operator asks for its health and its dead letters. */
async function askAsOperator(t: ConformanceTest, served: ServedAnswer[], when: string): Promise<void> {
  const client: SutClient = await securityOf(t).clientAs({ role: t.env.role });
  try {
    served.push(answered(`GET /health ${when}`, await client.get('/health', { interface: 'health' })));
    served.push(
      answered(`GET /dead-letters ${when}`, await client.get('/dead-letters', { interface: 'dead-letters' })),
    );
  } finally {
    await client.close();
  }
}

function answered(what: string, answer: SutResponse): ServedAnswer {
  return {
    what: `${what} by a new client with a valid certificate`,
    outcome: answer.outcome,
    status: answer.status,
    expected: 200,
    ref: { ledger: 'suite', seq: answer.entry.seq },
  };
}

/** The gauges, or a failed finding for the gauge's requirement when they cannot be read. */
async function readable(
  t: ConformanceTest,
  gauge: ConnectionGauge,
  reading: GaugeReading,
): Promise<RelayGauges | undefined> {
  if (!('failure' in reading)) return reading;
  t.check(gauge.requirement, false, reading.failure, [reading.ref]);
  return undefined;
}

/** Polls the gauges until open connections are back at `before`, or GAUGE_WAIT_MS has passed. */
async function backToLevel(
  t: ConformanceTest,
  gauge: ConnectionGauge,
  before: RelayGauges,
): Promise<{ gauges: RelayGauges; waitedMs: number } | undefined> {
  const started = performance.now();
  for (;;) {
    const gauges = await readable(t, gauge, await gauge.read(t));
    const waitedMs = Math.round(performance.now() - started);
    if (!gauges) return undefined;
    const back =
      gauges.openConnections <= before.openConnections &&
      gauges.messagesInProgress <= before.messagesInProgress;
    if (back || waitedMs >= GAUGE_WAIT_MS) return { gauges, waitedMs };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The bytes of a real TLS ClientHello, as Node's client writes it first (SNI left out). */
function clientHello(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const wire = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        resolve(Buffer.from(chunk));
        done();
        socket.destroy();
      },
    });
    const socket = connect({ socket: wire as unknown as Socket, rejectUnauthorized: false });
    socket.on('error', () => {});
    setTimeout(() => reject(new Error('no ClientHello was written')), 5_000).unref();
  });
}
