import { Agent, request } from 'undici';
import type { TransportProfile } from './transport-profile.ts';

export interface ProbeAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The first `maxBodyBytes` of the body, as text. */
  readonly body: string;
  /** True when the body was longer than `maxBodyBytes` and the rest was discarded. */
  readonly truncated: boolean;
}

export type ProbeResult =
  | { readonly kind: 'answered'; readonly answer: ProbeAnswer }
  /** No complete answer (status line and body) within the deadline. */
  | { readonly kind: 'timeout'; readonly status: number | null; readonly timeoutMs: number }
  | { readonly kind: 'network-error'; readonly code: string; readonly message: string };

export interface ProbeOptions {
  readonly timeoutMs: number;
  /** At most this much of the body is kept; the rest is read and discarded. Default 4 KiB. */
  readonly maxBodyBytes?: number;
  /** Mutual TLS for a target started in the production profile; plain HTTP by default. */
  readonly profile?: TransportProfile;
}

/**
 * One GET that never throws, never keeps a connection open and never holds more than
 * `maxBodyBytes` in memory, however large, slow or broken the answer: for reachability and
 * readiness checks against any target, on any port (no fetch "bad port" list).
 */
export async function probeHttp(url: string, options: ProbeOptions): Promise<ProbeResult> {
  const maxBodyBytes = options.maxBodyBytes ?? 4_096;
  const timeoutMs = Math.max(1, Math.ceil(options.timeoutMs));
  const tls =
    options.profile?.kind === 'mtls'
      ? {
          ca: options.profile.ca,
          cert: options.profile.cert,
          key: options.profile.key,
          rejectUnauthorized: options.profile.verifiesServer ?? true,
        }
      : {};
  const dispatcher = new Agent({ connections: 1, pipelining: 0, connect: { timeout: timeoutMs, ...tls } });
  const signal = AbortSignal.timeout(timeoutMs);
  let status: number | null = null;
  try {
    const answer = await request(url, { method: 'GET', signal, dispatcher });
    status = answer.statusCode;
    const chunks: Buffer[] = [];
    let kept = 0;
    let total = 0;
    for await (const chunk of answer.body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (kept < maxBodyBytes) {
        const part = chunk.subarray(0, maxBodyBytes - kept);
        chunks.push(part);
        kept += part.length;
      }
    }
    const truncated = total > maxBodyBytes;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return {
      kind: 'answered',
      answer: { status: answer.statusCode, headers, body: Buffer.concat(chunks).toString('utf8'), truncated },
    };
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return { kind: 'timeout', status, timeoutMs };
    }
    return { kind: 'network-error', code: codeOf(error), message: messageOf(error) };
  } finally {
    await dispatcher.destroy().catch(() => {});
  }
}

function codeOf(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    // undici's parser error may carry no code: it means the answer was not HTTP/1.1.
    if ((e as { name?: unknown }).name === 'HTTPParserError') return 'HPE_INVALID_RESPONSE';
    const nested = (e as { errors?: unknown }).errors;
    if (Array.isArray(nested) && nested.length > 0) return codeOf(nested[0]);
  }
  return (error as { code?: string }).code ?? 'ERROR';
}

function messageOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const own = error instanceof Error ? error.message : String(error);
  return cause instanceof Error && cause.message && cause.message !== own ? `${own}: ${cause.message}` : own;
}

/** One line for a probe that got no usable answer. */
export function describeProbe(result: ProbeResult): string {
  switch (result.kind) {
    case 'answered': {
      const snippet = result.answer.body.replace(/\s+/g, ' ').slice(0, 80);
      return `answered ${result.answer.status}${snippet ? ` ${JSON.stringify(snippet)}${result.answer.body.length > 80 || result.answer.truncated ? '…' : ''}` : ''}`;
    }
    case 'timeout':
      return result.status === null
        ? `no answer within ${result.timeoutMs} ms`
        : `answered ${result.status} but the body did not complete within ${result.timeoutMs} ms`;
    case 'network-error':
      return `${result.code} (${result.message})`;
  }
}
