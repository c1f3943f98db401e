import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { problem } from '../../spec/problem-types.ts';
import type { RequestListener } from '../../transport/index.ts';
import { problemReply, type Route } from '../shared/http-app.ts';
import type { Log } from '../shared/json-log.ts';
import { applyParameterOverrides, type ParameterOverrides } from '../shared/parameters.ts';
import { Peers } from '../shared/peers.ts';
import { type ReferenceOptions, type StartedRole, startRole } from '../shared/start-role.ts';
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
import { enforced, type RelaySeams, withOverrides } from './seams.ts';

/** The options every reference role takes (port, host, dataDir, testMode, replica, params, peers, log). */
export type RelayOptions = ReferenceOptions;

export type StartedRelay = StartedRole<RelayParameters, Replica> & { readonly bounds: RelayBounds };

/**
 * The reference relay: forwards terminals' card-management messages to the national center,
 * each sealed and opened through the crypto device, within declared bounds (requestTimeoutMs for
 * every outbound call, a deadline per client phase, a connection limit and a message limit), and
 * counts what it does in GET /metrics. Its pipeline is `forwarding.ts`; a replica replaces some of
 * the seams of `seams.ts`. It starts as every reference role does (`shared/start-role.ts`), and
 * wraps the app's listener and watches the server's connections besides.
 */
export async function startRelay(options: RelayOptions = {}): Promise<StartedRelay> {
  const overrides = options.params ?? {};
  const bounds = resolveBounds(overrides);
  const started = await startRole({
    role: SERVING_ROLE,
    dataDirPrefix: 'tekigo-relay-',
    options: {
      ...options,
      params: Object.fromEntries(Object.entries(overrides).filter(([key]) => !key.startsWith('bounds.'))),
    },
    replicas: REPLICAS,
    seamsOf: (replica) => withOverrides(replica?.seams),
    defaults: DEFAULT_PARAMETERS,
    capabilities: (parameters) => capabilities(parameters, DEFAULT_BOUNDS),
    wire: ({ seams, validate, parameters, database, serving, client, log }) => {
      const active = enforced(seams, bounds);
      const db = database('relay.sqlite');
      const store = new MessageStore(db);
      store.failInterrupted();
      const peers = new Peers(db, options.peers);
      const metrics = new RelayMetrics();
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
        validatesMessages: seams.validatesMessages,
        checksReconciliationPeer: seams.checksReconciliationPeer,
      }).map(
        (route): Route => (route.path === '/relay/messages' ? corruptible(route, () => corrupted) : route),
      );
      // A body that stops arriving is answered 408 by the app: counted and logged with its phase.
      const appLog: Log = (entry) => {
        if (entry.event === 'request' && entry.status === 408) {
          metrics.connections.timedOut.body += 1;
          log({ event: 'client-timeout', level: 'warn', correlationId: entry.correlationId, phase: 'body' });
        }
        log(entry);
      };
      return {
        routes,
        receiveDeadlineMs: active.bodyTimeoutMs,
        listen: {
          headersTimeoutMs: active.headersTimeoutMs,
          ...(seams.maxHeaderBytes !== undefined ? { maxHeaderBytes: seams.maxHeaderBytes } : {}),
        },
        app: {
          log: appLog,
          ignoreOfferedCorrelationId: seams.ignoreOfferedCorrelationId,
          takeAnyOfferedCorrelationId: seams.takeAnyOfferedCorrelationId,
          ...(seams.internalErrors !== 'concealed' ? { internalErrors: seams.internalErrors } : {}),
        },
        listener: withTerminalContext,
        onServer: (server) =>
          watchConnections(server, {
            seams,
            active,
            metrics,
            log,
            corrupt: () => {
              corrupted = true;
            },
          }),
        started: {
          bounds,
          peers: { [DEVICE]: peers.baseUrl(DEVICE) ?? null, [CENTER]: peers.baseUrl(CENTER) ?? null },
        },
      };
    },
  });
  return { ...started, bounds };
}

/** Runs each request in its terminal's context: whether the terminal has gone before its answer. */
function withTerminalContext(app: RequestListener): RequestListener {
  return (req, res) => {
    let gone = false;
    res.once('close', () => {
      gone = !res.writableFinished;
    });
    terminalRequest.run({ gone: () => gone || (req.destroyed && !res.writableFinished) }, () =>
      app(req, res),
    );
  };
}

/**
 * The relay's connection bounds on its server (idle timeout, connection limit), and what it counts
 * and logs of them: connections opened, closed and refused, headers timeouts, connections that end
 * before their first byte. The answer and the close in stages are the transport's (refuseInStages).
 */
function watchConnections(
  http: Server,
  watch: {
    readonly seams: RelaySeams;
    readonly active: RelayBounds;
    readonly metrics: RelayMetrics;
    readonly log: Log;
    readonly corrupt: () => void;
  },
): void {
  const { seams, active, metrics, log } = watch;
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
      if (seams.earlyConnectionEnd === 'corrupt-message-path') watch.corrupt();
    });
  });
  http.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code !== 'ERR_HTTP_REQUEST_TIMEOUT') return;
    metrics.connections.timedOut.headers += 1;
    log({
      event: 'client-timeout',
      level: 'warn',
      correlationId: randomUUID(),
      phase: socket.bytesRead > 0 ? 'headers' : 'connect',
      afterMs: active.headersTimeoutMs,
    });
  });
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
