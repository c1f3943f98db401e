import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestHandler } from 'msw';
import { TekigoHarnessError } from '../errors.ts';
import { captureBody, captureHeaders } from '../evidence/capture.ts';
import { Ledger } from '../evidence/ledger.ts';
import type { ExchangeEntry, LedgerEntry, ValidationOutcome } from '../evidence/ledger-entry.ts';
import { responseMessageType, specValidator, type Validate } from '../evidence/validate.ts';
import { createFaultEngine, type FaultEngine, type FaultMatch } from '../faults/fault-engine.ts';
import { type FaultScript, loadFaultScript } from '../faults/fault-script.ts';
import { correlationIdOr } from '../spec/correlation-id.ts';
import { type Problem, problem } from '../spec/problem-types.ts';
import { startServer, type TransportProfile } from '../transport/index.ts';
import { type ClientClosed, watchConnection } from './connection-watch.ts';
import { handlerTable } from './handler-table.ts';
import { CONTROL_PREFIX, mockControl } from './mock-control.ts';
import type { MockDefinition } from './mock-definition.ts';
import { mockDefinition } from './mock-roles.ts';
import {
  createMockSender,
  type PeerAddress,
  type SendRequest,
  type SendResult,
  type SendSchedule,
} from './mock-sender.ts';
import {
  type Answer,
  GARBAGE,
  latin1,
  MAX_BODY_BYTES,
  problemAnswer,
  readBody,
  sendTruncated,
  statusAnswer,
  toAnswer,
  toFetchRequest,
  toLightRequest,
} from './mock-wire.ts';
import { setRequestContext } from './request-context.ts';
import { safeValidator } from './safe-validator.ts';
import { refuseUnsupported } from './supported-faults.ts';
import { watchTlsConnections } from './tls-watch.ts';

export { MAX_BODY_BYTES } from './mock-wire.ts';

/**
 * A mock endpoint as suites see it, whether it runs in this process (`startMock`) or in
 * another process or container (`connectMock`). Every method is asynchronous for that reason.
 */
export interface MockHandle {
  readonly role: string;
  /** Base URL the system under test should call. */
  readonly url: string;
  /** Loads a fault script (replacing any other); refuses an invalid one with TekigoUsageError `INVALID_FAULT_SCRIPT`. */
  setFaults(script: FaultScript | unknown): Promise<void>;
  clearFaults(): Promise<void>;
  /** The mock's ledger entries with a sequence number above `since` (default 0). */
  ledgerEntries(since?: number): Promise<readonly LedgerEntry[]>;
  /** The mock's domain state, e.g. the records it has stored. */
  state(): Promise<unknown>;
  /** Empties state, ledger and faults. */
  reset(): Promise<void>;
  /** Stops a mock started in this process; for a connected one, releases the connection only. */
  stop(): Promise<void>;
  /** Where the mock sends, by interface and peer name (replacing any set before). */
  setPeers(peers: readonly PeerAddress[]): Promise<void>;
  /**
   * Sends one message of an interface the mock sends (see its definition's `sends`), validated
   * and recorded like everything it receives; resolves with the recorded deliveries.
   */
  send(request: SendRequest): Promise<SendResult>;
  /** Sends on a schedule; resolves with the schedule's id. */
  schedule(plan: SendSchedule): Promise<string>;
  /** Stops every schedule. */
  cancelSchedules(): Promise<void>;
  /** Sends the messages a `reorder` fault still holds, in reverse order. */
  flushHeld(): Promise<void>;
}

export interface StartedMock extends MockHandle {
  readonly ledger: Ledger;
}

export interface StartMockOptions {
  /** The role or peer name to play (see `mockRoles`). */
  readonly role: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /**
   * Record into this ledger instead of a new one. A shared ledger is never cleared by `reset()`,
   * which then only notes the reset in it.
   */
  readonly ledger?: Ledger;
  /** A fault script to load at start. */
  readonly faults?: unknown;
  /** Defaults to the validator of `specs/`. */
  readonly validate?: Validate;
  /** Who calls this mock, as recorded in `from` of its exchanges. Defaults to `sut`. */
  readonly caller?: string;
  /** Serve this definition instead of the registered one for `role`. */
  readonly definition?: MockDefinition;
  /** Where the mock sends, from the start (see `setPeers`). */
  readonly peers?: readonly PeerAddress[];
  /**
   * Serve over mutual TLS with this certificate (the production profile), requiring a client
   * certificate and noting each connection (`tls-connection`, `tls-connection-closed`,
   * `tls-handshake-failed`). Plain HTTP when absent.
   */
  readonly profile?: TransportProfile;
}

export { CONTROL_PREFIX } from './mock-control.ts';

/** Starts a mock for `role` on a real port, with fault injection and the control API under `/__tekigo/`. */
export async function startMock(options: StartMockOptions): Promise<StartedMock> {
  const definition = options.definition ?? mockDefinition(options.role);
  const validate = options.validate ?? (await specValidator());
  const ownsLedger = options.ledger === undefined;
  // A ledger of its own is compact: under load the mock keeps one string per exchange until read.
  const ledger = options.ledger ?? new Ledger({ compact: true });
  const role = options.role;
  const caller = options.caller ?? 'sut';
  const inFlight = new Set<Promise<void>>();
  let engine: FaultEngine | null = null;
  let stopping = false;

  const validateSafely = safeValidator(validate);
  const note = (what: string, data: unknown = null) =>
    ledger.append({ kind: 'observation', source: role, what, data });
  const clientClosed = (exchangeSeq: number, closed: ClientClosed) =>
    note('connection-closed', { exchangeSeq, ...closed });
  const setFaults = (script: unknown) => {
    const checked = loadFaultScript(script);
    refuseUnsupported(checked, definition, role);
    engine = createFaultEngine(checked, { ledger, source: role });
  };
  const sender = createMockSender({
    role,
    definition,
    ledger,
    validate: validateSafely,
    faults: () => engine,
  });
  const instance = definition.create({ validate, outbound: { reconcile: sender.reconcile } });
  const table = handlerTable([...instance.handlers] as RequestHandler[], definition.routes);
  const clearFaults = async () => {
    if (engine === null) return;
    await sender.flush();
    engine = null;
    note('fault-script-cleared');
  };
  const reset = () => {
    sender.reset();
    instance.reset();
    engine = null;
    if (ownsLedger) ledger.clear();
    else note('mock-reset');
  };

  async function exchange(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const at = new Date().toISOString();
    const startMs = ledger.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const given = req.headers['x-correlation-id'];
    const correlationId = correlationIdOr(given);
    const route = table.route(method, url.pathname);
    const iface = route?.interface ?? null;
    const settled = watchConnection(req.socket, () => ledger.now(), clientClosed);

    let finishedMs: number | null = null;
    // When the whole answer was handed to the socket. The 'finish' callback can run many ms
    // later on a loaded machine, which would make a peer that waited exactly as told look early.
    let handedOutMs: number | null = null;
    const gone = new AbortController();
    res.once('finish', () => {
      finishedMs = ledger.now();
    });
    const closed = new Promise<number>((resolve) =>
      res.once('close', () => {
        // Only a caller that left before the whole answer was written cancels the work: an abort
        // builds an exception, which at thousands of exchanges a second is the mock's main cost.
        if (!res.writableFinished) gone.abort();
        resolve(ledger.now());
      }),
    );

    const wire = {
      answer: null as Answer | null,
      sentBytes: null as Uint8Array | string | null,
      error: null as string | null,
      selfClosed: false,
    };
    const send = (answer: Answer) => {
      if (gone.signal.aborted) return;
      const headers = {
        ...answer.headers,
        'x-correlation-id': answer.headers['x-correlation-id'] ?? correlationId,
        'content-length': String(answer.body.length),
      };
      res.writeHead(answer.status, headers);
      handedOutMs = ledger.now();
      // One write of head and body: Node joins them only when the body is a string in the head's
      // encoding; a byte body would go out as a second buffer (writev), which costs more than
      // the rest of the exchange. An ASCII text (as long as its bytes) is already that string.
      const ascii = answer.text !== undefined && answer.text.length === answer.body.length;
      res.end(ascii ? answer.text : latin1(answer.body), 'latin1');
      wire.answer = { ...answer, headers };
      // Evidence decodes the text it was given rather than the bytes again.
      wire.sentBytes = answer.text ?? answer.body;
    };

    let requestBytes: Uint8Array<ArrayBuffer> | null = null;
    let requestBody: unknown = null;
    let requestValidation: ValidationOutcome | null = null;
    let matches: FaultMatch[] = [];
    let answerMatch: FaultMatch | undefined;
    let discarded: Answer | null = null;
    const active = engine;
    try {
      requestBytes = await readBody(req, gone.signal);
      if (requestBytes === null) {
        res.setHeader('connection', 'close');
        send(
          problemAnswer(
            problem('payload-too-large', {
              detail: `request bodies are limited to ${MAX_BODY_BYTES} bytes`,
              correlationId,
            }),
          ),
        );
      } else {
        requestBody = captureBody(req.headers['content-type'], requestBytes);
        if (route?.requestType) requestValidation = validateSafely(route.requestType, requestBody);
        matches = active?.match({ interface: iface, method, path: url.pathname, body: requestBody }) ?? [];
        answerMatch = matches.find((m) => m.action.kind !== 'delay' && m.action.kind !== 'reject-records');

        const delayMs = matches.reduce((sum, m) => sum + (m.action.kind === 'delay' ? m.action.ms : 0), 0);
        if (delayMs > 0) await sleep(delayMs, undefined, { signal: gone.signal }).catch(() => undefined);
        if (!gone.signal.aborted) {
          const rejectRecords = new Map<number, Problem>();
          for (const m of matches) {
            if (m.action.kind !== 'reject-records') continue;
            for (const i of m.recordIndices ?? [])
              if (!rejectRecords.has(i)) rejectRecords.set(i, m.action.problem);
          }
          const handle = async (): Promise<Answer> => {
            const context = {
              rejectRecords,
              ...(route?.requestType && requestValidation
                ? { validated: { messageType: route.requestType, outcome: requestValidation } }
                : {}),
            };
            const fresh = () => {
              const request = (table.direct ? toLightRequest : toFetchRequest)(
                req,
                url,
                requestBytes,
                gone.signal,
              );
              setRequestContext(request, context);
              return request;
            };
            const response = await table.respond(fresh(), fresh);
            if (!response) {
              return problemAnswer(
                problem('not-found', {
                  detail: `the ${role} mock serves no ${method} ${url.pathname}`,
                  correlationId,
                }),
              );
            }
            return toAnswer(response);
          };
          const action = answerMatch?.action;
          if (action?.kind === 'hang' || action?.kind === 'commit-then-hang') {
            // The exchange entry is only written when the caller lets go; this marks the call as
            // held from now on, so a caller that never lets go is visible in the evidence too.
            ledger.append({
              kind: 'observation',
              source: role,
              what: 'held-open',
              data: {
                correlationId,
                ruleId: answerMatch?.rule.id ?? null,
                interface: iface,
                method,
                path: url.pathname,
              },
            });
          }
          if (action === undefined) send(await handle());
          else {
            switch (action.kind) {
              case 'hang':
                break;
              case 'reset':
                wire.selfClosed = true;
                wire.error = `connection reset by fault rule ${answerMatch?.rule.id}`;
                res.socket?.resetAndDestroy();
                break;
              case 'status':
                send(statusAnswer(action, correlationId));
                break;
              case 'empty-body':
                send({ status: 200, headers: {}, body: new Uint8Array() });
                break;
              case 'garbage-body':
                send({ status: 200, headers: { 'content-type': 'application/json' }, body: GARBAGE });
                break;
              case 'commit-then-hang':
                discarded = await handle();
                break;
              case 'truncate': {
                const full = await handle();
                wire.selfClosed = true;
                wire.error = `response cut by fault rule ${answerMatch?.rule.id} after ${Math.min(action.bytes, full.body.length)} of ${full.body.length} bytes`;
                wire.answer = {
                  ...full,
                  headers: { ...full.headers, 'content-length': String(full.body.length) },
                };
                wire.sentBytes = await sendTruncated(res, full, action.bytes, correlationId);
                break;
              }
              default:
                throw new TekigoHarnessError(
                  'UNSUPPORTED_FAULT_ACTION',
                  `the ${role} mock cannot apply ${action.kind}`,
                );
            }
          }
        }
      }
    } catch (error) {
      wire.error = error instanceof Error ? error.message : String(error);
      if (!gone.signal.aborted && !res.headersSent) {
        send(
          problemAnswer(
            problem('internal', { detail: `the ${role} mock failed: ${wire.error}`, correlationId }),
          ),
        );
      }
    }

    const closedMs = await closed;
    const answered = !wire.selfClosed && res.writableFinished;
    const outcome: ExchangeEntry['outcome'] = wire.selfClosed
      ? 'network-error'
      : answered
        ? 'answered'
        : 'aborted';
    const endMs = answered ? (handedOutMs ?? finishedMs ?? closedMs) : closedMs;
    const responseContentType = wire.answer?.headers['content-type'];
    const responseBody = captureBody(responseContentType, wire.sentBytes);
    const responseType =
      answered && wire.answer && !answerMatch
        ? responseMessageType(wire.answer.status, responseContentType, route?.responseType)
        : null;
    const entry = ledger.append({
      kind: 'exchange',
      at,
      startMs,
      endMs,
      durationMs: endMs - startMs,
      from: caller,
      to: role,
      interface: iface,
      method,
      path: req.url ?? url.pathname,
      correlationId,
      requestHeaders: captureHeaders(req.headers),
      requestBody,
      outcome,
      status: wire.answer?.status ?? null,
      responseHeaders: wire.answer ? captureHeaders(wire.answer.headers) : {},
      responseBody,
      error:
        wire.error ??
        (outcome === 'aborted'
          ? stopping
            ? 'the mock stopped before answering'
            : 'the client closed the connection before the answer'
          : null),
      faults: matches.map((m) => m.rule.id),
      validation: {
        request: requestValidation,
        response: responseType ? validateSafely(responseType, responseBody) : null,
      },
    });
    settled(entry.seq);
    const exchangeRef = { seq: entry.seq, interface: iface };
    active?.recordApplied(
      matches.filter((m) => m !== answerMatch),
      exchangeRef,
    );
    if (answerMatch) {
      active?.recordApplied(
        [answerMatch],
        exchangeRef,
        discarded
          ? {
              discardedResponse: {
                status: discarded.status,
                body: captureBody(discarded.headers['content-type'], discarded.body),
              },
            }
          : {},
      );
    }
  }

  const control = mockControl({ ledger, sender, instance, setFaults, clearFaults, reset });
  if (options.faults !== undefined) setFaults(options.faults);
  if (options.peers !== undefined) sender.setPeers(options.peers);
  const server = await startServer(
    (req, res) => {
      const url = new URL(req.url ?? '/', 'http://mock.invalid');
      const work = url.pathname.startsWith(CONTROL_PREFIX) ? control(req, res, url) : exchange(req, res, url);
      inFlight.add(work);
      void work
        .catch((error: unknown) => note('mock-failure', { path: url.pathname, error: String(error) }))
        .finally(() => inFlight.delete(work));
    },
    {
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.host !== undefined ? { host: options.host } : {}),
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
    },
  );
  if (options.profile?.kind === 'mtls')
    watchTlsConnections(server.server, ({ what, data }) => note(what, data));

  return {
    role,
    url: server.url,
    ledger,
    setFaults: async (script) => setFaults(script),
    clearFaults,
    ledgerEntries: async (since = 0) => ledger.since(since),
    state: async () => instance.state(),
    reset: async () => reset(),
    setPeers: async (peers) => sender.setPeers(peers),
    send: (request) => sender.send(request),
    schedule: async (plan) => sender.schedule(plan),
    cancelSchedules: async () => sender.cancelSchedules(),
    flushHeld: () => sender.flush(),
    async stop() {
      stopping = true;
      await sender.stop();
      await server.stop();
      // Hung and delayed exchanges end when their sockets close; their entries belong to this run.
      await Promise.allSettled([...inFlight]);
    },
  };
}
