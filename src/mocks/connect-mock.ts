import { TekigoEnvironmentError, TekigoUsageError } from '../errors.ts';
import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import { createHttpClient, type TransportProfile } from '../transport/index.ts';
import type { MockHandle } from './mock-runtime.ts';
import { CONTROL_PREFIX } from './mock-runtime.ts';
import type { SendResult } from './mock-sender.ts';

const CONTROL_TIMEOUT_MS = 10_000;

/** A handle on a mock running in another process or container, through its control API. */
export function connectMock(url: string, role: string, profile?: TransportProfile): MockHandle {
  const base = url.replace(/\/+$/, '');
  const http = createHttpClient(profile);

  async function call(
    method: string,
    operation: string,
    body?: unknown,
    timeoutMs = CONTROL_TIMEOUT_MS,
  ): Promise<{ status: number; body: unknown }> {
    const target = `${base}${CONTROL_PREFIX}${operation}`;
    let response: Response;
    try {
      response = await http.fetch(target, {
        method,
        timeoutMs,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
    } catch (error) {
      throw new TekigoEnvironmentError(
        'MOCK_UNREACHABLE',
        `${method} ${target} failed (${error instanceof Error ? error.message : String(error)}); check that the ${role} mock runs at ${base}`,
        { url: target },
        { cause: error },
      );
    }
    const text = await response.text();
    const parsed = parseOrText(text);
    if (response.status === 400 && operation === 'faults') {
      const errors = (
        (parsed as { errors?: { pointer: string; detail: string }[] } | null)?.errors ?? []
      ).map((e) => ({
        instancePath: e.pointer,
        message: e.detail,
      }));
      throw new TekigoUsageError(
        'INVALID_FAULT_SCRIPT',
        (parsed as { detail?: string } | null)?.detail ?? 'invalid fault script',
        {
          errors,
        },
      );
    }
    if (response.status === 400) {
      throw new TekigoUsageError(
        'MOCK_REFUSED',
        (parsed as { detail?: string } | null)?.detail ?? `the ${role} mock refused ${method} ${operation}`,
        { url: target },
      );
    }
    if (response.status >= 300) {
      throw new TekigoEnvironmentError(
        'MOCK_CONTROL_FAILED',
        `${method} ${target} answered ${response.status}: ${text.slice(0, 500)}; the mock at ${base} may not be a tekigo ${role} mock`,
        { url: target, status: response.status },
      );
    }
    return { status: response.status, body: parsed };
  }

  return {
    role,
    url: base,
    async setFaults(script) {
      await call('PUT', 'faults', script);
    },
    async clearFaults() {
      await call('DELETE', 'faults');
    },
    async ledgerEntries(since = 0) {
      const { body } = await call('GET', `ledger?since=${since}`);
      return (body as { entries: LedgerEntry[] }).entries;
    },
    async state() {
      return (await call('GET', 'state')).body;
    },
    async reset() {
      await call('POST', 'reset');
    },
    async setPeers(peers) {
      await call('PUT', 'peers', { peers });
    },
    async send(request) {
      // Long enough for a delivery, its duplicate and its own timeouts.
      const bound = 2 * (request.timeoutMs ?? 10_000) + CONTROL_TIMEOUT_MS;
      return (await call('POST', 'send', request, bound)).body as SendResult;
    },
    async schedule(plan) {
      return ((await call('POST', 'schedules', plan)).body as { id: string }).id;
    },
    async cancelSchedules() {
      await call('DELETE', 'schedules');
    },
    async flushHeld() {
      await call('POST', 'flush', undefined, 4 * CONTROL_TIMEOUT_MS);
    },
    stop: () => http.close(),
  };
}

function parseOrText(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
