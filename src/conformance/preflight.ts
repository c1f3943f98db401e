import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchCommand } from '../../test-env/embedded/launch-command.ts';
import type { StartedParty } from '../../test-env/embedded/launch-party.ts';
import { createSutClient, type SutClient, type SutResponse } from '../client/sut-client.ts';
import { TekigoEnvironmentError, TekigoError } from '../errors.ts';
import { Ledger } from '../evidence/ledger.ts';
import type { RunAbort } from '../report/report-model.ts';
import type { Spec } from '../spec/load-spec.ts';
import { describeProbe, probeHttp } from '../transport/index.ts';
import { formatTarget, type TargetSpec } from './target-spec.ts';

export interface Capabilities {
  readonly role: string;
  readonly parameters: {
    readonly requestTimeoutMs: number;
    readonly retry: {
      readonly maxAttempts: number;
      readonly initialBackoffMs: number;
      readonly maxBackoffMs: number;
      readonly multiplier: number;
      readonly jitter: 'full' | 'equal' | 'decorrelated';
    };
    readonly maxBatchSize: number;
    readonly deliveryBoundMs: number;
  };
  readonly features?: { readonly reset?: boolean; readonly hooks?: readonly string[] };
  readonly [key: string]: unknown;
}

/**
 * How long each preflight exchange may take, body included, before it counts as never
 * completing: 10 s, or `TEKIGO_PREFLIGHT_TIMEOUT_MS`.
 */
export const PREFLIGHT_TIMEOUT_MS = Number(process.env.TEKIGO_PREFLIGHT_TIMEOUT_MS) || 10_000;

/**
 * Checks that the target answers /health and declares valid capabilities for `role`; returns
 * them. Every failure is one line naming the endpoint, what came back and what to fix, with the
 * sequence number of the offending exchange in `details.seq`.
 */
export async function preflight(
  sut: SutClient,
  spec: Spec,
  role: string,
  url: string,
): Promise<Capabilities> {
  const health = await sut.request({
    method: 'GET',
    path: '/health',
    interface: 'health',
    responseType: 'health/health',
  });
  if (health.outcome !== 'answered' || health.status !== 200) {
    throw failure('TARGET_UNHEALTHY', `${url}/health`, health, 'start the target and check its logs');
  }
  const answer = await sut.request({
    method: 'GET',
    path: '/conformance/capabilities',
    interface: 'upper-tester',
    responseType: 'upper-tester/capabilities',
  });
  const endpoint = `${url}/conformance/capabilities`;
  if (answer.outcome !== 'answered') {
    throw failure('CAPABILITIES_INCOMPLETE', endpoint, answer, 'answer it promptly and completely');
  }
  if (answer.status !== 200) {
    throw failure(
      'NO_UPPER_TESTER',
      endpoint,
      answer,
      'run the target in test mode (TEKIGO_TEST_MODE=1) so tekigo can read its capabilities through the upper tester',
    );
  }
  const contentType = answer.headers['content-type'];
  if (typeof answer.body !== 'object' || answer.body === null) {
    const parses = typeof answer.body === 'string' && parsesAsJson(answer.body);
    throw failure(
      'CAPABILITIES_NOT_JSON',
      endpoint,
      answer,
      parses
        ? `send it with content-type application/json (it came as ${contentType ?? 'no content type'})`
        : 'send the capabilities as a JSON object (upper-tester/capabilities)',
    );
  }
  const outcome = spec.validate('upper-tester/capabilities', answer.body);
  if (!outcome.valid) {
    const first = outcome.errors[0];
    throw new TekigoEnvironmentError(
      'INVALID_CAPABILITIES',
      `${endpoint} declares invalid capabilities (${first ? `${first.instancePath || '/'} ${first.message}` : 'schema mismatch'}); fix them to lie within the bounds of upper-tester/capabilities`,
      { seq: answer.entry.seq },
    );
  }
  const capabilities = answer.body as Capabilities;
  if (capabilities.role !== role) {
    throw new TekigoEnvironmentError(
      'WRONG_ROLE',
      `${url} declares role ${capabilities.role}, not ${role}; point --target at a ${role}`,
      { seq: answer.entry.seq },
    );
  }
  const { initialBackoffMs, maxBackoffMs } = capabilities.parameters.retry;
  if (maxBackoffMs < initialBackoffMs) {
    throw new TekigoEnvironmentError(
      'ABSURD_CAPABILITIES',
      `${endpoint} declares retry.maxBackoffMs ${maxBackoffMs} below retry.initialBackoffMs ${initialBackoffMs}; declare the backoff the implementation really uses`,
      { seq: answer.entry.seq },
    );
  }
  return capabilities;
}

const parsesAsJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** "answered 503 "…"", "answered 200 but the body did not complete within 10000 ms", "ECONNRESET (…)". */
export function describeAnswer(response: SutResponse): string {
  const { entry } = response;
  if (response.outcome === 'timeout') {
    return response.status === null
      ? `gave no answer (${entry.error ?? 'timeout'})`
      : `answered ${response.status} but the body did not complete (${entry.error ?? 'timeout'}: a slow or stalled body)`;
  }
  if (response.outcome !== 'answered') return `broke the connection (${entry.error ?? response.outcome})`;
  const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
  const snippet = body.replace(/\s+/g, ' ').slice(0, 80);
  const type = response.headers['content-type'];
  return `answered ${response.status}${type ? ` (${type})` : ''}${snippet ? ` ${JSON.stringify(snippet)}${body.length > 80 ? '…' : ''}` : ''}`;
}

function failure(code: string, endpoint: string, response: SutResponse, fix: string): TekigoEnvironmentError {
  return new TekigoEnvironmentError(code, `${endpoint} ${describeAnswer(response)}; ${fix}`, {
    seq: response.entry.seq,
  });
}

/** A preflight that stopped the run: its one line, and the exchanges it rests on for the report. */
export class PreflightFailure extends TekigoEnvironmentError {
  readonly abort: RunAbort;
  constructor(error: TekigoError, ledger: Ledger) {
    super(error.code, error.message, error.details, { cause: error });
    this.abort = {
      code: error.code,
      message: error.message,
      evidence: { ledgers: { suite: ledger.entries() } },
    };
  }
}

export interface PreflightTargetOptions {
  readonly role: string;
  readonly target: TargetSpec;
  readonly spec: Spec;
  readonly timeoutMs?: number;
}

/**
 * Before any test runs: a target at a URL must answer, a launched target must start, and either
 * must pass the preflight; otherwise the run stops at once with one line (`PreflightFailure`).
 * A launched target is stopped again (the suite launches its own instance per file). The
 * reference and its replicas are tekigo's own and skip this step.
 */
export async function preflightTarget(options: PreflightTargetOptions): Promise<void> {
  const { target } = options;
  if (target.kind !== 'url' && target.kind !== 'launch') return;
  const timeoutMs = options.timeoutMs ?? PREFLIGHT_TIMEOUT_MS;
  const ledger = new Ledger();
  let party: StartedParty | null = null;
  let dataDir: string | null = null;
  let sut: SutClient | null = null;
  try {
    let url: string;
    if (target.kind === 'launch') {
      dataDir = await mkdtemp(join(tmpdir(), 'tekigo-preflight-'));
      party = await launchCommand({ name: formatTarget(target), launch: target.launch, dataDir });
      url = party.url;
    } else {
      url = target.url;
      await assertReachable(url, timeoutMs);
    }
    sut = createSutClient({ baseUrl: url, ledger, validate: options.spec.validate, timeoutMs });
    await preflight(sut, options.spec, options.role, url);
  } catch (error) {
    if (error instanceof TekigoError) throw new PreflightFailure(error, ledger);
    throw error;
  } finally {
    await sut?.close().catch(() => {});
    await party?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The first contact with a target at a URL: one bounded GET of /health whose body is read and
 * discarded (at most 4 KiB kept), so a huge, slow or broken answer is a message, never a crash.
 * Only a target that cannot be reached at all fails here; what it answers is the preflight's to judge.
 */
export async function assertReachable(url: string, timeoutMs = PREFLIGHT_TIMEOUT_MS): Promise<void> {
  const result = await probeHttp(`${url}/health`, { timeoutMs });
  if (result.kind === 'network-error' && result.code.startsWith('HPE_')) {
    throw new TekigoEnvironmentError(
      'TARGET_NOT_HTTP',
      `${url}/health answered bytes that are not HTTP/1.1 (${describeProbe(result)}); point --target at the implementation's HTTP port`,
    );
  }
  if (result.kind === 'network-error') {
    throw new TekigoEnvironmentError(
      'TARGET_UNREACHABLE',
      `cannot reach ${url}/health (${describeProbe(result)}); start the implementation in test mode or fix --target`,
    );
  }
}
