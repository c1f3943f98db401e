import { Agent, type Dispatcher, fetch as undiciFetch } from 'undici';
import { plainProfile, type TransportProfile } from './transport-profile.ts';

export interface ClientRequestInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
  /** Every outbound call has a timeout: there is no way to make one without it. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface HttpClient {
  fetch(url: string, init: ClientRequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** The one place outbound HTTP is created; the profile decides the dispatcher (plain now, mTLS later). */
export function createHttpClient(profile: TransportProfile = plainProfile): HttpClient {
  switch (profile.kind) {
    case 'plain':
      break;
  }
  const dispatcher: Dispatcher = new Agent({
    connections: 64,
    keepAliveTimeout: 4_000,
    connect: { timeout: 10_000 },
  });
  return {
    async fetch(url, init) {
      const timeout = AbortSignal.timeout(init.timeoutMs);
      const signal = init.signal ? AbortSignal.any([timeout, init.signal]) : timeout;
      const response = await undiciFetch(url, {
        method: init.method ?? 'GET',
        ...(init.headers ? { headers: init.headers } : {}),
        ...(init.body !== undefined ? { body: init.body } : {}),
        signal,
        dispatcher,
      });
      return response as unknown as Response;
    },
    close: () => dispatcher.close(),
  };
}
