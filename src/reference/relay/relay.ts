import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TekigoUsageError } from '../../errors.ts';
import { productionServing } from '../../security/production-serving.ts';
import { problem } from '../../spec/problem-types.ts';
import { createHttpClient, startServer } from '../../transport/index.ts';
import { openDatabase } from '../shared/database.ts';
import { createHttpApp, problemReply, type Route } from '../shared/http-app.ts';
import { type Log, silentLog } from '../shared/json-log.ts';
import { applyParameterOverrides, type ParameterOverrides } from '../shared/parameters.ts';
import { Peers } from '../shared/peers.ts';
import { findReplica } from '../shared/role-kit.ts';
import type { ReferenceOptions } from '../shared/start-role.ts';
import { loadValidator, type ValidateFields } from '../shared/validation.ts';
import {
  CENTER,
  capabilities,
  DEFAULT_BOUNDS,
  DEFAULT_PARAMETERS,
  DEVICE,
  type RelayBounds,
  type RelayParameters,
  ROLE as SERVING_ROLE,
} from './capabilities.ts';
import { DeviceChannel } from './device-channel.ts';
import { Forwarding, terminalRequest } from './forwarding.ts';
import { MessageStore } from './message-store.ts';
import { RelayMetrics } from './relay-metrics.ts';
import { REPLICAS, type Replica } from './replicas.ts';
import { relayRoutes } from './routes.ts';
import { enforced, withOverrides } from './seams.ts';

/** The options every reference role takes (port, host, dataDir, testMode, replica, params, peers, log). */
export type RelayOptions = ReferenceOptions;

export interface StartedRelay {
  readonly url: string;
  readonly parameters: RelayParameters;
  readonly bounds: RelayBounds;
  readonly replica: Replica | undefined;
  stop(): Promise<void>;
}

/**
 * The reference relay: forwards terminals' card-management messages to the national center,
 * each sealed and opened through the crypto device, within declared bounds (requestTimeoutMs for
 * every outbound call, a deadline per client phase, a connection limit and a message limit), and
 * counts what it does in GET /metrics. Its pipeline is `forwarding.ts`; a replica replaces some of
 * the seams of `seams.ts`.
 */
export async function startRelay(options: RelayOptions = {}): Promise<StartedRelay> {
  const replica = findReplica(REPLICAS, options.replica);
  const seams = withOverrides(replica?.seams);
  const validate = await loadValidator();
  const overrides = options.params ?? {};
  const parameters = resolveParameters(validate, overrides);
  const bounds = resolveBounds(overrides);
  const active = enforced(seams, bounds);
  const log = options.log ?? silentLog;

  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tekigo-relay-'));
  const db = openDatabase(dataDir, 'relay.sqlite');
  const store = new MessageStore(db);
  store.failInterrupted();
  const peers = new Peers(db, options.peers);
  const metrics = new RelayMetrics();
  const serving = productionServing(SERVING_ROLE, options.tls, seams.security, options.testMode ?? false);
  const client = createHttpClient(serving.client);
  const device = new DeviceChannel({
    client,
    baseUrl: () => peers.baseUrl(DEVICE),
    timeoutMs: parameters.requestTimeoutMs,
    seams,
    metrics,
    log,
  });
  const forwarding = new Forwarding({
    seams,
    store,
    device,
    metrics,
    client,
    centerUrl: () => peers.baseUrl(CENTER),
    requestTimeoutMs: parameters.requestTimeoutMs,
    maxConcurrentRequests: active.maxConcurrentRequests,
    log,
  });
  const declared = { ...bounds, requestTimeoutMs: parameters.requestTimeoutMs };
  const frozen = metrics.snapshot(declared);
  let corrupted = false;
  const routes = relayRoutes({
    validate,
    parameters,
    bounds,
    forwarding,
    store,
    metrics,
    metricsBody: () =>
      seams.liveMetrics ? metrics.snapshot(declared) : { ...frozen, time: new Date().toISOString() },
    peers,
    testMode: serving.upperTester,
    healthBehindMessageLimit: seams.healthBehindMessageLimit,
  }).map((route): Route => (route.path === '/relay/messages' ? corruptible(route, () => corrupted) : route));

  // A body that stops arriving is answered 408 by the app: counted and logged with its phase.
  const appLog: Log = (entry) => {
    if (entry.event === 'request' && entry.status === 408) {
      metrics.connections.timedOut.body += 1;
      log({ event: 'client-timeout', level: 'warn', correlationId: entry.correlationId, phase: 'body' });
    }
    log(entry);
  };
  const app = createHttpApp({
    ...serving.app,
    routes,
    log: appLog,
    bodyTimeoutMs: active.bodyTimeoutMs,
    ignoreOfferedCorrelationId: seams.ignoreOfferedCorrelationId,
    takeAnyOfferedCorrelationId: seams.takeAnyOfferedCorrelationId,
    ...(seams.internalErrors !== 'concealed' ? { internalErrors: seams.internalErrors } : {}),
  });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(
      (req, res) => {
        let gone = false;
        res.once('close', () => {
          gone = !res.writableFinished;
        });
        terminalRequest.run({ gone: () => gone || (req.destroyed && !res.writableFinished) }, () =>
          app(req, res),
        );
      },
      {
        ...(options.host !== undefined ? { host: options.host } : {}),
        port: options.port ?? 0,
        ...(serving.server ? { profile: serving.server } : {}),
        headersTimeoutMs: active.headersTimeoutMs,
        ...(seams.maxHeaderBytes !== undefined ? { maxHeaderBytes: seams.maxHeaderBytes } : {}),
      },
    );
  } catch (error) {
    db.close();
    await client.close();
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const http = server.server;
  http.keepAliveTimeout = active.idleTimeoutMs;
  http.maxConnections = active.maxConnections;
  http.on('drop', () => {
    metrics.connections.refused += 1;
    log({
      event: 'connection-refused',
      level: 'warn',
      correlationId: randomUUID(),
      limit: active.maxConnections,
    });
  });
  http.on('connection', (socket: Socket) => {
    metrics.connectionOpened();
    socket.once('close', () => {
      metrics.connectionClosed();
      if (socket.bytesRead > 0) return;
      // Timed out or reset before its first byte: only this connection ends (RLY-TMO-001).
      log({ event: 'connection-ended-early', level: 'info', correlationId: randomUUID(), phase: 'connect' });
      if (seams.earlyConnectionEnd === 'corrupt-message-path') corrupted = true;
    });
  });
  http.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    if (timedOut) {
      metrics.connections.timedOut.headers += 1;
      log({
        event: 'client-timeout',
        level: 'warn',
        correlationId: randomUUID(),
        phase: socket.bytesRead > 0 ? 'headers' : 'connect',
        afterMs: active.headersTimeoutMs,
      });
    }
    // The answer (408, 431 or 400) and the close in stages are the transport's (refuseInStages).
  });
  log({
    event: 'started',
    level: 'info',
    correlationId: randomUUID(),
    replica: replica?.name ?? null,
    parameters,
    bounds,
    peers: { [DEVICE]: peers.baseUrl(DEVICE) ?? null, [CENTER]: peers.baseUrl(CENTER) ?? null },
  });

  let stopped: Promise<void> | undefined;
  return {
    url: server.url,
    parameters,
    bounds,
    replica,
    stop() {
      stopped ??= (async () => {
        await server.stop();
        await client.close();
        db.close();
        if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

/** The 2016 crash as a replica shows it: once corrupted, every later message fails. */
function corruptible(route: Route, corrupted: () => boolean): Route {
  return {
    ...route,
    handle: (context) =>
      corrupted()
        ? problemReply(problem('internal', { title: 'Internal error', detail: 'the message path failed' }))
        : route.handle(context),
  };
}

/** The bounds under `--param bounds.<name>=N`, within health/relay-metrics' limits. */
function resolveBounds(overrides: ParameterOverrides): RelayBounds {
  const given = Object.fromEntries(
    Object.entries(overrides)
      .filter(([key]) => key.startsWith('bounds.'))
      .map(([key, value]) => [key.slice('bounds.'.length), value]),
  );
  return applyParameterOverrides(DEFAULT_BOUNDS, given);
}

/** Defaults with overrides, refused unless the capabilities they make stay within the spec's bounds. */
function resolveParameters(validate: ValidateFields, overrides: ParameterOverrides): RelayParameters {
  const own = Object.fromEntries(Object.entries(overrides).filter(([key]) => !key.startsWith('bounds.')));
  const parameters = applyParameterOverrides(DEFAULT_PARAMETERS, own);
  const errors = validate('upper-tester/capabilities', capabilities(parameters, DEFAULT_BOUNDS));
  if (errors.length === 0) return parameters;
  throw new TekigoUsageError(
    'BAD_PARAMETER',
    `cannot use these parameters: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}. Keep them within the bounds of upper-tester/capabilities`,
    { errors },
  );
}
