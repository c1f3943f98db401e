import type { ServerResponse } from 'node:http';
import { afterEach, beforeAll, expect } from 'vitest';
import { loadSpec, type Spec } from '../../spec/load-spec.ts';
import { type StartedServer, startServer } from '../../transport/index.ts';
import {
  type CertificationAuthorityOptions,
  type StartedCertificationAuthority,
  startCertificationAuthority,
} from './certification-authority.ts';

/**
 * The shared fixture of the certification authority's unit tests: a stand-in national center
 * that records every batch, the authority started against it, and helpers to drive both.
 * Importing it registers the hooks that load the spec and stop both after each test.
 */
// Synthetic identifiers with valid check digits (specs/test-vectors.yaml).
export const RESIDENTS = ['12345678900', '00000000018', '10000000005', '27182818287'];
export const ITEMS = {
  name: { kanji: '試験𠮷子', kana: 'シケン ヨシコ' },
  address: '東京都千代田区千代田1-1',
  dateOfBirth: '1990-04-01',
  sex: 'female',
};
export const BAD_SERIAL = 'BAD0000000000000';
export const FAST = {
  // Generous: these tests are not about timeouts, and a loaded machine must not turn an answer
  // into a timed-out attempt (and a second send). Timeout tests set their own.
  requestTimeoutMs: 5_000,
  'retry.initialBackoffMs': 20,
  'retry.maxBackoffMs': 100,
  'retry.maxAttempts': 3,
};

export interface Arrival {
  readonly at: number;
  readonly body: {
    batchId: string;
    records: { recordId: string; serialNumber: string; itemsDigest: string }[];
  };
  closedAt?: number;
}

export type Behaviour = (arrival: Arrival, res: ServerResponse) => void;

/** Accepts every record except those with BAD_SERIAL, which it rejects. */
export const acceptAllButBad: Behaviour = ({ body }, res) => {
  const results = body.records.map(({ recordId, serialNumber }) =>
    serialNumber === BAD_SERIAL
      ? {
          recordId,
          outcome: 'rejected',
          problem: { type: 'urn:tekigo:problem:unknown-resident', title: 'Unknown resident', status: 422 },
        }
      : { recordId, outcome: 'accepted' },
  );
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ batchId: body.batchId, results }));
};

/** What the tests share: the spec, the national-center stand-in, the authority, what arrived. */
export const env = {
  spec: undefined as unknown as Spec,
  center: undefined as unknown as StartedServer,
  ca: undefined as StartedCertificationAuthority | undefined,
  arrivals: [] as Arrival[],
  behaviour: (() => {}) as Behaviour,
};

beforeAll(async () => {
  env.spec = await loadSpec();
});

afterEach(async () => {
  await env.ca?.stop();
  await env.center?.stop();
  env.ca = undefined;
});

/** A national-center stand-in that records every batch and answers as `env.behaviour` says. */
export async function start(
  options: CertificationAuthorityOptions = {},
  initial: Behaviour = acceptAllButBad,
): Promise<StartedCertificationAuthority> {
  env.arrivals = [];
  env.behaviour = initial;
  env.center = await startServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const arrival: Arrival = {
        at: Date.now(),
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Arrival['body'],
      };
      env.arrivals.push(arrival);
      res.on('close', () => {
        arrival.closedAt = Date.now();
      });
      env.behaviour(arrival, res);
    });
  });
  env.ca = await startCertificationAuthority({
    testMode: true,
    params: FAST,
    random: () => 0,
    peers: { 'national-center': env.center.url },
    ...options,
  });
  return env.ca;
}

// biome-ignore lint/suspicious/noExplicitAny: assertions read the bodies by shape; the schemas are checked separately.
export type Json = any;

export async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; headers: Headers; body: Json }> {
  const response = await fetch(`${env.ca?.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export async function issue(
  serials: (string | undefined)[],
): Promise<{ recordIds: string[]; serialNumbers: string[] }> {
  const certificates = serials.map((serialNumber, i) => ({
    ...(serialNumber ? { serialNumber } : {}),
    certificateType: 'signature',
    residentCode: RESIDENTS[i % RESIDENTS.length],
    municipalityCode: '131016',
    items: ITEMS,
  }));
  const res = await call('POST', '/conformance/stimulus', { kind: 'issue-certificates', certificates });
  expect(res.status).toBe(202);
  expect(env.spec.validate('upper-tester/stimulus-result', res.body).errors).toEqual([]);
  return res.body;
}

/** Polls until `condition` holds; fails after `timeoutMs` rather than waiting on luck. */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  condition: (value: T) => boolean,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (condition(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const today = (): string => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
export const issuances = async () => {
  const report = await call('GET', `/reconciliation?date=${today()}&peer=national-center`);
  expect(env.spec.validate('reconciliation/report', report.body).errors).toEqual([]);
  return report.body.entries.find((e: { interface: string }) => e.interface === 'certificate-issuances');
};
export const sentIds = (): string[] => env.arrivals.flatMap((a) => a.body.records.map((r) => r.recordId));
