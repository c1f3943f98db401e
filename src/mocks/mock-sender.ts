import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { TekigoUsageError } from '../errors.ts';
import { captureBody, captureHeaders } from '../evidence/capture.ts';
import type { Ledger } from '../evidence/ledger.ts';
import type { ExchangeEntry, ValidationOutcome } from '../evidence/ledger-entry.ts';
import { responseMessageType } from '../evidence/validate.ts';
import type { FaultEngine, FaultMatch } from '../faults/fault-engine.ts';
import type { ReconciliationEntry } from '../reconciliation/reconciliation-entry.ts';
import { CORRELATION_ID_HEADER, isCorrelationId } from '../spec/correlation-id.ts';
import { createHttpClient, type HttpClient } from '../transport/index.ts';
import { type InterfaceSpec, interfaceSpec } from './interfaces.ts';
import type { MockDefinition } from './mock-definition.ts';
import { OutboundLog } from './outbound-log.ts';

/**
 * A party a mock sends to, keyed by interface and name: one mock can send one interface to
 * several peers of one role (two municipalities), and different interfaces to different roles.
 */
export interface PeerAddress {
  readonly interface: string;
  readonly url: string;
  /** Defaults to the role that serves the interface. */
  readonly role?: string;
  /** Tells peers of one role apart; defaults to the role. */
  readonly name?: string;
}

/** One exchange the suite asks a mock to originate. */
export interface SendRequest {
  readonly interface: string;
  /** The peer's name, needed only when several peers serve the interface. */
  readonly peer?: string;
  /** The message as is (valid or not: it is validated and recorded either way). */
  readonly body?: unknown;
  /** Without `body`: these records, or `count` sample ones, in a sample envelope. */
  readonly records?: readonly unknown[];
  readonly count?: number;
  readonly correlationId?: string;
  /** How long to wait for the answer; 10 s when absent. */
  readonly timeoutMs?: number;
}

/** Sends on a schedule: every `everyMs`, `times` times (until stopped when absent). */
export interface SendSchedule extends Omit<SendRequest, 'correlationId'> {
  readonly everyMs: number;
  readonly times?: number;
}

/** What one send did: each delivery is an exchange entry of the mock's ledger (two for a duplicate delivery). */
export interface SendResult {
  readonly deliveries: readonly ExchangeEntry[];
}

export interface MockSender {
  setPeers(peers: readonly PeerAddress[]): void;
  peers(): readonly PeerAddress[];
  send(request: SendRequest): Promise<SendResult>;
  schedule(schedule: SendSchedule): string;
  cancelSchedules(): void;
  /** Releases messages a `reorder` rule holds, in reverse order. */
  flush(): Promise<void>;
  /** The sender's reconciliation entries for `peer` on `date` (see `outbound-log.ts`). */
  reconcile(peer: string, date: string): ReconciliationEntry[];
  /** Cancels schedules, drops held messages and forgets what was sent (peers stay). */
  reset(): void;
  /** Cancels schedules, drops held messages and closes the client. */
  stop(): Promise<void>;
}

export interface MockSenderOptions {
  readonly role: string;
  readonly definition: MockDefinition;
  readonly ledger: Ledger;
  readonly validate: (messageType: string, value: unknown) => ValidationOutcome;
  /** The fault engine of the moment (the script can change between sends). */
  readonly faults: () => FaultEngine | null;
  readonly client?: HttpClient;
}

const DEFAULT_TIMEOUT_MS = 10_000;

interface Held {
  readonly go: () => Promise<void>;
  readonly drop: () => void;
}

export function createMockSender(options: MockSenderOptions): MockSender {
  const { role, definition, ledger } = options;
  const client = options.client ?? createHttpClient();
  const sends = new Map((definition.sends ?? []).map((s) => [s.interface, s]));
  let peers: readonly PeerAddress[] = [];
  const held = new Map<string, Held[]>();
  const schedules = new Map<string, NodeJS.Timeout>();
  const sent = new OutboundLog();

  const refuse = (code: string, message: string): never => {
    throw new TekigoUsageError(code, message);
  };

  function peerFor(spec: InterfaceSpec, name: string | undefined): PeerAddress & { name: string } {
    const candidates = peers
      .filter((p) => p.interface === spec.name)
      .map((p) => ({ ...p, name: p.name ?? p.role ?? spec.to }));
    const chosen = name === undefined ? candidates : candidates.filter((p) => p.name === name);
    if (chosen.length === 1 && chosen[0]) return chosen[0];
    if (candidates.length === 0)
      return refuse(
        'NO_PEER',
        `the ${role} mock has no peer for ${spec.name}; give one with setPeers([{ interface: '${spec.name}', url }])`,
      );
    return refuse(
      'AMBIGUOUS_PEER',
      `the ${role} mock has ${name === undefined ? 'several peers' : `no peer named ${JSON.stringify(name)}`} for ${spec.name}; name one of ${candidates.map((p) => p.name).join(', ')} in peer`,
    );
  }

  async function deliver(
    spec: InterfaceSpec,
    peer: PeerAddress & { name: string },
    body: unknown,
    correlationId: string,
    timeoutMs: number,
    faults: readonly string[],
  ): Promise<ExchangeEntry> {
    const at = new Date().toISOString();
    const startMs = ledger.now();
    const url = `${peer.url.replace(/\/+$/, '')}${spec.path}`;
    const requestHeaders = { 'content-type': 'application/json', [CORRELATION_ID_HEADER]: correlationId };
    let outcome: ExchangeEntry['outcome'] = 'answered';
    let status: number | null = null;
    let responseHeaders: Record<string, string> = {};
    let responseBody: unknown = null;
    let error: string | null = null;
    try {
      const response = await client.fetch(url, {
        method: spec.method,
        headers: requestHeaders,
        body: JSON.stringify(body),
        timeoutMs,
      });
      status = response.status;
      responseHeaders = captureHeaders(Object.fromEntries(response.headers));
      responseBody = captureBody(
        response.headers.get('content-type') ?? undefined,
        new Uint8Array(await response.arrayBuffer()),
      );
    } catch (caught) {
      const timedOut =
        caught instanceof Error && (caught.name === 'TimeoutError' || caught.name === 'AbortError');
      outcome = timedOut ? 'timeout' : 'network-error';
      error = timedOut
        ? `no complete answer within ${timeoutMs} ms`
        : caught instanceof Error
          ? `${caught.message}${caught.cause instanceof Error ? `: ${caught.cause.message}` : ''}`
          : String(caught);
    }
    const endMs = ledger.now();
    sent.note(spec.name, peer.name, body, status === 200 ? responseBody : null);
    const responseType =
      status === null
        ? null
        : responseMessageType(status, responseHeaders['content-type'], spec.responseType);
    return ledger.append({
      kind: 'exchange',
      at,
      startMs,
      endMs,
      durationMs: endMs - startMs,
      from: role,
      to: peer.name,
      interface: spec.name,
      method: spec.method,
      path: spec.path,
      correlationId,
      requestHeaders,
      requestBody: body,
      outcome,
      status,
      responseHeaders,
      responseBody,
      error,
      faults,
      validation: {
        request: options.validate(spec.requestType, body),
        response: responseType ? options.validate(responseType, responseBody) : null,
      },
    });
  }

  /** What a request sends and to whom; a usage error when the mock cannot send it. */
  function target(request: SendRequest) {
    const outbound = sends.get(request.interface);
    if (!outbound) {
      return refuse(
        'NOT_SENT_BY_MOCK',
        `the ${role} mock does not send ${request.interface}; it sends ${[...sends.keys()].join(', ') || 'nothing'}`,
      );
    }
    const spec = interfaceSpec(outbound.interface);
    if (request.correlationId !== undefined && !isCorrelationId(request.correlationId))
      refuse('INVALID_CORRELATION_ID', 'correlationId must be 1 to 64 of A-Z a-z 0-9 . _ -');
    return { outbound, spec, peer: peerFor(spec, request.peer) };
  }

  async function send(request: SendRequest): Promise<SendResult> {
    const { outbound, spec, peer } = target(request);
    const body =
      request.body ??
      outbound.message({
        ...(request.records ? { records: request.records } : {}),
        ...(request.count !== undefined ? { count: request.count } : {}),
      });
    const correlationId = request.correlationId ?? randomUUID();
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const engine = options.faults();
    const matches =
      engine?.match({
        interface: spec.name,
        method: spec.method,
        path: spec.path,
        body,
        direction: 'outbound',
      }) ?? [];
    const ruleIds = matches.map((m) => m.rule.id);
    const duplicate = matches.find((m) => m.action.kind === 'duplicate-delivery');
    const reorder = matches.find((m) => m.action.kind === 'reorder');
    const delayMs = matches.reduce((sum, m) => sum + (m.action.kind === 'delay' ? m.action.ms : 0), 0);
    const plain = matches.filter((m) => m !== duplicate && m !== reorder);

    const run = async (detail: Record<string, unknown>): Promise<SendResult> => {
      if (delayMs > 0) await sleep(delayMs);
      const first = await deliver(spec, peer, body, correlationId, timeoutMs, ruleIds);
      const ref = { seq: first.seq, interface: spec.name };
      engine?.recordApplied(plain, ref);
      if (reorder) engine?.recordApplied([reorder], ref, detail);
      if (!duplicate) return { deliveries: [first] };
      const second = await deliver(spec, peer, body, correlationId, timeoutMs, ruleIds);
      engine?.recordApplied(
        [duplicate],
        { seq: second.seq, interface: spec.name },
        { duplicateOf: first.seq },
      );
      return { deliveries: [first, second] };
    };
    return reorder ? hold(reorder, run) : run({});
  }

  /** Holds a send until its rule holds `window` of them, then sends them in reverse order. */
  function hold(match: FaultMatch, run: (detail: Record<string, unknown>) => Promise<SendResult>) {
    const window = match.action.kind === 'reorder' ? match.action.window : 1;
    const queue = held.get(match.rule.id) ?? [];
    held.set(match.rule.id, queue);
    const position = queue.length + 1;
    const result = new Promise<SendResult>((resolve, reject) => {
      queue.push({
        go: () =>
          run({ window, heldPosition: position, releasedAs: window - position + 1 }).then(resolve, reject),
        drop: () => resolve({ deliveries: [] }),
      });
    });
    if (queue.length >= window) void release(match.rule.id);
    return result;
  }

  async function release(ruleId: string): Promise<void> {
    const queue = held.get(ruleId) ?? [];
    held.delete(ruleId);
    for (const item of queue.reverse()) await item.go().catch(() => undefined);
  }

  function dropAll(): void {
    cancelSchedules();
    for (const queue of held.values()) for (const item of queue) item.drop();
    held.clear();
  }

  function cancelSchedules(): void {
    for (const timer of schedules.values()) clearInterval(timer);
    schedules.clear();
  }

  return {
    setPeers(given) {
      for (const peer of given) interfaceSpec(peer.interface);
      peers = [...given];
    },
    peers: () => peers,
    send,
    schedule(plan) {
      if (!Number.isInteger(plan.everyMs) || plan.everyMs < 1)
        refuse('INVALID_SCHEDULE', 'everyMs must be a positive whole number of milliseconds');
      target(plan);
      const id = randomUUID();
      let sent = 0;
      const timer = setInterval(() => {
        sent++;
        if (plan.times !== undefined && sent >= plan.times) {
          clearInterval(timer);
          schedules.delete(id);
        }
        send(plan).catch((error: unknown) =>
          ledger.append({
            kind: 'observation',
            source: role,
            what: 'scheduled-send-failed',
            data: { schedule: id, interface: plan.interface, error: String(error) },
          }),
        );
      }, plan.everyMs);
      schedules.set(id, timer);
      return id;
    },
    cancelSchedules,
    async flush() {
      await Promise.all([...held.keys()].map((ruleId) => release(ruleId)));
    },
    reconcile: (peer, date) => sent.reconcile(peer, date),
    reset() {
      dropAll();
      sent.clear();
    },
    async stop() {
      dropAll();
      await client.close();
    },
  };
}
