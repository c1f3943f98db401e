import { randomUUID } from 'node:crypto';
import type { HttpClient } from '../../transport/index.ts';
import type { Log } from '../shared/json-log.ts';
import type { RelayMetrics } from './relay-metrics.ts';
import type { RelaySeams } from './seams.ts';

export type DeviceKind = 'seal' | 'unseal';

/** What one device operation ended with, as the message pipeline sees it. */
export type DeviceOutcome =
  | {
      readonly ok: true;
      readonly operationId: string;
      readonly body: Record<string, unknown>;
      readonly ms: number;
    }
  | {
      readonly ok: false;
      readonly operationId: string;
      readonly cause: 'timeout' | 'device-error';
      readonly detail: string;
      readonly ms: number;
    };

interface Pending {
  readonly operationId: string;
  readonly kind: DeviceKind;
  readonly correlationId: string;
  readonly startedMs: number;
  settle(outcome: DeviceOutcome): void;
}

export interface DeviceChannelOptions {
  readonly client: HttpClient;
  readonly baseUrl: () => string | undefined;
  readonly timeoutMs: number;
  readonly seams: RelaySeams;
  readonly metrics: RelayMetrics;
  readonly log: Log;
}

/**
 * The relay's side of the crypto device: every operation has its own operationId, waits at most
 * requestTimeoutMs, and every completion is matched to the operation it belongs to by that id
 * (RLY-DEV-001); a completion for no waiting operation is discarded and logged (RLY-DEV-003).
 * The `completionMatching` seam is where the 2016 defect (completions taken in arrival order) lives.
 */
export class DeviceChannel {
  readonly #options: DeviceChannelOptions;
  /** Waiting operations, oldest first. */
  readonly #pending = new Map<string, Pending>();

  constructor(options: DeviceChannelOptions) {
    this.#options = options;
  }

  run(kind: DeviceKind, fields: Record<string, string>, correlationId: string): Promise<DeviceOutcome> {
    const operationId = randomUUID();
    const startedMs = performance.now();
    return new Promise<DeviceOutcome>((resolve) => {
      const pending: Pending = {
        operationId,
        kind,
        correlationId,
        startedMs,
        settle: (outcome) => {
          if (this.#pending.get(operationId) !== pending) return;
          this.#pending.delete(operationId);
          resolve(outcome);
        },
      };
      this.#pending.set(operationId, pending);
      void this.#call(pending, { operationId, ...fields });
    });
  }

  /** Operations still waiting for the device (they end within requestTimeoutMs). */
  get waiting(): number {
    return this.#pending.size;
  }

  async #call(pending: Pending, body: Record<string, string>): Promise<void> {
    const { client, baseUrl, timeoutMs, metrics, log } = this.#options;
    const elapsed = () => performance.now() - pending.startedMs;
    const fail = (cause: 'timeout' | 'device-error', detail: string) => {
      if (cause === 'timeout') metrics.device.timeouts += 1;
      else metrics.device.errors += 1;
      log({
        event: cause === 'timeout' ? 'device-timeout' : 'device-error',
        level: 'warn',
        correlationId: pending.correlationId,
        interface: 'crypto-device',
        peer: 'crypto-device',
        attempt: 1,
        operationId: pending.operationId,
        operation: pending.kind,
        phase: 'crypto-device',
        cause: detail,
        durationMs: Math.round(elapsed()),
      });
      pending.settle({ ok: false, operationId: pending.operationId, cause, detail, ms: elapsed() });
    };
    const url = baseUrl();
    if (url === undefined) return fail('device-error', 'no crypto-device peer is configured');
    let status: number;
    let answer: unknown;
    try {
      const response = await client.fetch(`${url}/${pending.kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-correlation-id': pending.correlationId },
        body: JSON.stringify(body),
        timeoutMs,
      });
      status = response.status;
      answer = await response.json().catch(() => undefined);
    } catch (error) {
      const name = (error as Error).name;
      return name === 'TimeoutError' || name === 'AbortError'
        ? fail('timeout', `no answer within ${timeoutMs} ms`)
        : fail('device-error', `the device connection failed (${codeOf(error)})`);
    }
    if (status !== 200 || typeof answer !== 'object' || answer === null) {
      const type = (answer as { type?: unknown } | undefined)?.type;
      return fail(
        'device-error',
        `the device answered ${status}${typeof type === 'string' ? ` ${type}` : ''}`,
      );
    }
    this.#complete(pending, answer as Record<string, unknown>);
  }

  /** Hands a completion to the operation it belongs to. */
  #complete(carrier: Pending, body: Record<string, unknown>): void {
    const { seams, metrics, log } = this.#options;
    const claimed = String(body.operationId ?? '');
    const owner =
      seams.completionMatching === 'arrival-order'
        ? this.#pending.values().next().value
        : claimed === carrier.operationId
          ? this.#pending.get(claimed)
          : undefined;
    if (owner === undefined) {
      metrics.device.discarded += 1;
      log({
        event: 'device-completion-discarded',
        level: 'warn',
        correlationId: carrier.correlationId,
        operationId: claimed,
        expectedOperationId: carrier.operationId,
        reason: this.#pending.has(carrier.operationId) ? 'operation-id-mismatch' : 'late-or-unknown',
      });
      // The operation that carried a completion with another id has failed (never another's result).
      if (claimed !== carrier.operationId && this.#pending.has(carrier.operationId)) {
        metrics.device.errors += 1;
        carrier.settle({
          ok: false,
          operationId: carrier.operationId,
          cause: 'device-error',
          detail: `the device answered with operationId ${claimed}`,
          ms: performance.now() - carrier.startedMs,
        });
      }
      return;
    }
    const ms = performance.now() - owner.startedMs;
    metrics.deviceCompleted(ms);
    owner.settle({ ok: true, operationId: owner.operationId, body, ms });
  }
}

function codeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : (error as Error).name;
}
