import { AsyncLocalStorage } from 'node:async_hooks';
import type { RelayForwardRequest } from '../../spec/message-types.generated.ts';
import { problem } from '../../spec/problem-types.ts';
import type { HttpClient } from '../../transport/index.ts';
import { jsonReply, problemReply, type Reply } from '../shared/http-app.ts';
import type { Log } from '../shared/json-log.ts';
import { KEY_LABEL } from './capabilities.ts';
import type { DeviceChannel, DeviceOutcome } from './device-channel.ts';
import type { MessageStore } from './message-store.ts';
import type { RelayMetrics } from './relay-metrics.ts';
import type { RelaySeams } from './seams.ts';

/** What the relay knows of the terminal's request while it handles it. */
export interface TerminalRequest {
  /** The terminal closed its connection before the answer was sent. */
  gone(): boolean;
}

/** Set by the relay's listener around every request, read by the message pipeline. */
export const terminalRequest = new AsyncLocalStorage<TerminalRequest>();

export interface ForwardingParts {
  readonly seams: RelaySeams;
  readonly store: MessageStore;
  readonly device: DeviceChannel;
  readonly metrics: RelayMetrics;
  readonly client: HttpClient;
  readonly centerUrl: () => string | undefined;
  readonly requestTimeoutMs: number;
  readonly maxConcurrentRequests: number;
  readonly log: Log;
}

/** Without an upstream timeout (a replica's defect), the center's call waits this long. */
const NO_TIMEOUT_MS = 10 * 60_000;

type Failure = { readonly phase: string; readonly reply: Reply; readonly cause: string };

/**
 * One terminal message through the relay: seal and open it through the device, forward it to the
 * national center, seal and open the answer, and answer the terminal with it (RLY-FWD-001/002).
 * Every phase is timed and the whole is logged once with its outcome (RLY-OBS-001); a failure
 * answers this message alone and releases only its slot (RLY-FWD-008).
 */
export class Forwarding {
  readonly #parts: ForwardingParts;
  readonly #inFlight = new Map<string, Promise<Reply>>();

  constructor(parts: ForwardingParts) {
    this.#parts = parts;
  }

  /**
   * The 503 overloaded answer when maxConcurrentRequests messages are in progress (RLY-MET-002),
   * checked before the body is judged (specs/README.md, which error wins).
   */
  overloaded(correlationId: string): Reply | undefined {
    const { seams, metrics, maxConcurrentRequests, log } = this.#parts;
    if (!seams.enforceMessageLimit || metrics.messages.inProgress < maxConcurrentRequests) return undefined;
    metrics.messages.overloaded += 1;
    log({
      event: 'message-refused-overloaded',
      level: 'warn',
      correlationId,
      inProgress: metrics.messages.inProgress,
      limit: maxConcurrentRequests,
    });
    return problemReply(
      problem('overloaded', {
        status: 503,
        detail: `${maxConcurrentRequests} messages are in progress (maxConcurrentRequests); retry later`,
      }),
      { 'retry-after': '1' },
    );
  }

  async handle(message: RelayForwardRequest, correlationId: string): Promise<Reply> {
    const { store } = this.#parts;
    const running = this.#inFlight.get(message.messageId);
    const begun = store.begin(message);
    if (begun.kind === 'conflict')
      return problemReply(
        problem('conflict', {
          title: 'Message id in use',
          detail: 'a message with this messageId and different content was already received',
        }),
      );
    if (begun.kind === 'repeat') return jsonReply(200, begun.response);
    if (begun.kind === 'in-progress' && running) return running;
    const work = this.#forward(message, correlationId);
    this.#inFlight.set(message.messageId, work);
    try {
      return await work;
    } finally {
      this.#inFlight.delete(message.messageId);
    }
  }

  async #forward(message: RelayForwardRequest, correlationId: string): Promise<Reply> {
    const { seams, store, metrics, log } = this.#parts;
    const terminal = terminalRequest.getStore();
    metrics.messages.received += 1;
    metrics.messages.inProgress += 1;
    const startedMs = performance.now();
    const phases: { phase: string; ms: number; operationId?: string }[] = [];
    const operationIds: string[] = [];
    let reply: Reply;
    let failure: Failure | undefined;
    try {
      const outbound = await this.#throughDevice(JSON.stringify(message), correlationId, 'request', phases);
      operationIds.push(...outbound.operationIds);
      if ('failure' in outbound && seams.failOnDeviceError) failure = outbound.failure;
      else {
        const forwardedText = 'text' in outbound ? outbound.text : JSON.stringify(message);
        const upstream = await this.#toCenter(message.messageId, forwardedText, correlationId, phases);
        if ('failure' in upstream) failure = upstream.failure;
        else {
          const inbound = await this.#throughDevice(upstream.text, correlationId, 'response', phases);
          operationIds.push(...inbound.operationIds);
          if ('failure' in inbound) failure = inbound.failure;
          else reply = jsonReply(upstream.status, JSON.parse(inbound.text));
        }
      }
    } catch (error) {
      failure = {
        phase: 'relay',
        cause: (error as Error).message,
        reply: problemReply(problem('internal', { title: 'Internal error' })),
      };
    }
    if (failure) reply = failure.reply;
    // biome-ignore lint/style/noNonNullAssertion: every branch above sets reply or failure
    const answer = reply!;
    const forwarded = !failure && answer.status === 200;
    store.finish(message.messageId, forwarded ? 'forwarded' : 'failed', forwarded ? answer.body : undefined);
    if (forwarded) metrics.messages.forwarded += 1;
    else metrics.messages.failed += 1;
    const abandoned = terminal?.gone() ?? false;
    if (seams.releaseSlotOfAbandoned || !abandoned) metrics.messages.inProgress -= 1;
    if (seams.messageLog)
      log({
        event: 'message-handled',
        level: forwarded ? 'info' : 'warn',
        correlationId,
        recordIds: [message.messageId],
        messageId: message.messageId,
        terminalId: message.terminalId,
        operation: message.operation,
        operationIds,
        phases: phases.map((p) => ({ ...p, ms: Math.round(p.ms * 10) / 10 })),
        durationMs: Math.round(performance.now() - startedMs),
        outcome: forwarded ? 'forwarded' : 'failed',
        status: answer.status,
        ...(failure ? { failedPhase: failure.phase, cause: failure.cause } : {}),
        terminalGone: abandoned,
      });
    return answer;
  }

  /** Seals `text` and opens the sealed form again through the device: what comes out is what goes on. */
  async #throughDevice(
    text: string,
    correlationId: string,
    side: 'request' | 'response',
    phases: { phase: string; ms: number; operationId?: string }[],
  ): Promise<
    | { readonly text: string; readonly operationIds: string[] }
    | { readonly failure: Failure; readonly operationIds: string[] }
  > {
    const { device } = this.#parts;
    const plaintext = Buffer.from(text, 'utf8').toString('base64');
    const sealed = await device.run('seal', { keyLabel: KEY_LABEL, plaintext }, correlationId);
    phases.push({ phase: `seal-${side}`, ms: sealed.ms, operationId: sealed.operationId });
    if (!sealed.ok || typeof sealed.body.sealed !== 'string')
      return { failure: deviceFailure(sealed, `seal-${side}`), operationIds: [sealed.operationId] };
    const opened = await device.run(
      'unseal',
      { keyLabel: KEY_LABEL, sealed: sealed.body.sealed },
      correlationId,
    );
    phases.push({ phase: `unseal-${side}`, ms: opened.ms, operationId: opened.operationId });
    const operationIds = [sealed.operationId, opened.operationId];
    if (!opened.ok || typeof opened.body.plaintext !== 'string')
      return { failure: deviceFailure(opened, `unseal-${side}`), operationIds };
    return { text: Buffer.from(opened.body.plaintext, 'base64').toString('utf8'), operationIds };
  }

  async #toCenter(
    messageId: string,
    text: string,
    correlationId: string,
    phases: { phase: string; ms: number }[],
  ): Promise<{ readonly status: number; readonly text: string } | { readonly failure: Failure }> {
    const { seams, store, metrics, client, centerUrl, requestTimeoutMs, log } = this.#parts;
    const url = centerUrl();
    const started = performance.now();
    const done = () => phases.push({ phase: 'upstream', ms: performance.now() - started });
    /** Logs a failed attempt on the center (GEN-OBS-006, RLY-OBS-002) and fails the message with `reply`. */
    const failed = (event: string, cause: string, reply: Reply): { failure: Failure } => {
      done();
      log({
        event,
        level: 'warn',
        correlationId,
        recordIds: [messageId],
        interface: 'relay-forwarding',
        peer: 'national-center',
        attempt: 1,
        phase: 'upstream',
        cause,
      });
      return { failure: { phase: 'upstream', cause, reply } };
    };
    const unavailable = (cause: string) =>
      failed(
        'forward-attempt-failed',
        cause,
        problemReply(problem('unavailable', { detail: `the national center ${cause}; retry later` }), {
          'retry-after': '1',
        }),
      );
    if (url === undefined) return unavailable('is not configured');
    const timeoutMs = seams.upstreamTimeout ? requestTimeoutMs : NO_TIMEOUT_MS;
    store.sentToCenter(messageId);
    let response: Response;
    let body: string;
    try {
      response = await client.fetch(`${url}/card-management/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
        body: text,
        timeoutMs,
      });
      body = await response.text();
    } catch (error) {
      const name = (error as Error).name;
      if (name !== 'TimeoutError' && name !== 'AbortError') return unavailable('connection failed');
      metrics.upstreamTimeouts += 1;
      return failed(
        'upstream-timeout',
        `no answer within ${timeoutMs} ms`,
        problemReply(
          problem('timeout', { detail: `the national center did not answer within ${timeoutMs} ms` }),
        ),
      );
    }
    if (response.status >= 500) return unavailable(`answered ${response.status}`);
    if (response.status === 409) {
      done();
      return {
        failure: {
          phase: 'upstream',
          cause: 'conflict',
          reply: problemReply(
            problem('conflict', {
              title: 'Message id in use',
              detail: 'the national center already handled a message with this messageId and other content',
            }),
          ),
        },
      };
    }
    if (response.status !== 200) return unavailable(`answered ${response.status}`);
    try {
      JSON.parse(body);
    } catch {
      return unavailable('answered with a body that is not JSON');
    }
    done();
    return { status: 200, text: body };
  }
}

function deviceFailure(outcome: DeviceOutcome, phase: string): Failure {
  if (outcome.ok)
    return {
      phase,
      cause: 'the device answered without the expected field',
      reply: problemReply(problem('unavailable', { detail: 'the crypto device answered incompletely' })),
    };
  return outcome.cause === 'timeout'
    ? {
        phase,
        cause: outcome.detail,
        reply: problemReply(
          problem('timeout', { detail: 'the crypto device did not complete an operation in time' }),
        ),
      }
    : {
        phase,
        cause: outcome.detail,
        reply: problemReply(problem('unavailable', { detail: 'the crypto device failed an operation' }), {
          'retry-after': '1',
        }),
      };
}
