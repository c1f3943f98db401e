import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterEach, beforeAll, expect } from 'vitest';
import { loadSpec, type Spec } from '../../spec/load-spec.ts';
import { type StartedServer, startServer } from '../../transport/index.ts';
import { itemsDigest } from '../shared/items-digest.ts';
import {
  type NationalCenterOptions,
  type StartedNationalCenter,
  startNationalCenter,
} from './national-center.ts';

/**
 * The shared fixture of the national center's unit tests: a stand-in certification authority
 * and a stand-in municipality that record what arrives and answer as each test says, the center
 * started against them, and helpers to build and send messages. Importing it registers the hooks
 * that load the spec and stop everything after each test.
 */
// Synthetic identifiers with valid check digits (specs/test-vectors.yaml).
export const RESIDENTS = ['12345678900', '00000000018', '10000000005', '27182818287'] as const;
export const TOKYO = '131016';
export const NAGANO = '202011';
export const INDIVIDUAL_NUMBER = '123456789018';
export const ITEMS = {
  name: { kanji: '試験𠮷子', kana: 'シケン ヨシコ' },
  address: '東京都千代田区千代田1-1',
  dateOfBirth: '1990-04-01',
  sex: 'female',
};
export const ITEMS_DIGEST = itemsDigest(ITEMS);
export const FAST = {
  requestTimeoutMs: 1_500, // not about timeouts: a loaded machine must not turn an answer into a retry
  'retry.initialBackoffMs': 20,
  'retry.maxBackoffMs': 100,
  'retry.maxAttempts': 4,
  deliveryBoundMs: 2000,
};

// biome-ignore lint/suspicious/noExplicitAny: assertions read the bodies by shape; the schemas are checked separately.
export type Json = any;

export interface Arrival {
  readonly at: number;
  readonly path: string;
  readonly body: Json;
}

/** How a stand-in answers one request; `n` counts the requests it got, from 1. */
export type Behaviour = (arrival: Arrival, res: ServerResponse, n: number) => void;

export const answer = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

/** Accepts every record of a batch. */
export const acceptAll: Behaviour = ({ body }, res) =>
  answer(res, 200, {
    batchId: body.batchId,
    results: body.records.map(({ recordId }: { recordId: string }) => ({ recordId, outcome: 'accepted' })),
  });

/** An authority that rejects, for good, every revocation of `residentCode`'s certificates. */
export const rejectRevocationsOf =
  (residentCode: string): Behaviour =>
  ({ body }, res) =>
    answer(res, 200, {
      batchId: body.batchId,
      results: body.records.map((record: { recordId: string; residentCode: string }) =>
        record.residentCode === residentCode
          ? {
              recordId: record.recordId,
              outcome: 'rejected',
              problem: { type: 'urn:tekigo:problem:unknown-certificate', title: 'Unknown', status: 404 },
            }
          : { recordId: record.recordId, outcome: 'accepted' },
      ),
    });

/** Acknowledges every notice. */
export const acknowledge: Behaviour = ({ body }, res) =>
  answer(res, 200, {
    noticeId: body.noticeId,
    acknowledgedAt: new Date().toISOString(),
    outcome: 'acknowledged',
  });

export interface Peer {
  server: StartedServer;
  arrivals: Arrival[];
  behaviour: Behaviour;
}

export const env = {
  spec: undefined as unknown as Spec,
  center: undefined as StartedNationalCenter | undefined,
  authority: undefined as unknown as Peer,
  municipality: undefined as unknown as Peer,
};

beforeAll(async () => {
  env.spec = await loadSpec();
});

afterEach(async () => {
  await env.center?.stop();
  await env.authority?.server.stop();
  await env.municipality?.server.stop();
  env.center = undefined;
});

export async function startPeer(behaviour: Behaviour): Promise<Peer> {
  const peer: Peer = { server: undefined as unknown as StartedServer, arrivals: [], behaviour };
  peer.server = await startServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const arrival = {
        at: Date.now(),
        path: req.url ?? '',
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json,
      };
      peer.arrivals.push(arrival);
      peer.behaviour(arrival, res, peer.arrivals.length);
    });
  });
  return peer;
}

/** Starts both stand-ins and the center pointed at them. */
export async function start(
  options: NationalCenterOptions = {},
  behaviours: { authority?: Behaviour; municipality?: Behaviour } = {},
): Promise<StartedNationalCenter> {
  env.authority = await startPeer(behaviours.authority ?? acceptAll);
  env.municipality = await startPeer(behaviours.municipality ?? acknowledge);
  env.center = await startNationalCenter({
    testMode: true,
    params: FAST,
    random: () => 0,
    peers: { 'certification-authority': env.authority.server.url, municipality: env.municipality.server.url },
    ...options,
  });
  return env.center;
}

export async function call(
  method: string,
  path: string,
  body?: unknown,
  base = env.center?.url,
): Promise<{ status: number; headers: Headers; body: Json }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

let nextSequence = 1;

/** A resident-change record; sequence increases with every call unless given. */
export function change(
  residentCode: string,
  changeType: string,
  fields: { sequence?: number; items?: unknown; recordId?: string } = {},
): Json {
  const items =
    fields.items ??
    (changeType === 'birth' || changeType === 'move-in'
      ? ITEMS
      : changeType === 'death'
        ? undefined
        : changeType === 'name-change'
          ? { name: { kanji: '見本花子', kana: 'ミホン ハナコ' } }
          : { address: '東京都千代田区千代田2-2' });
  return {
    recordId: fields.recordId ?? randomUUID(),
    recordedAt: new Date().toISOString(),
    sequence: fields.sequence ?? nextSequence++,
    residentCode,
    changeType,
    effectiveDate: '2025-04-01',
    ...(items === undefined ? {} : { items }),
  };
}

/** Sends changes as `municipalityCode`; checks the answer against the spec; returns its results. */
export async function sendChanges(records: Json[], municipalityCode = TOKYO): Promise<Json[]> {
  const res = await call('POST', '/resident-changes', {
    batchId: randomUUID(),
    sentAt: new Date().toISOString(),
    municipalityCode,
    records,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(env.spec.validate('resident-changes/batch-result', res.body).errors).toEqual([]);
  return res.body.results;
}

export const outcomes = (results: Json[]): string[] =>
  results.map((r: Json) =>
    r.outcome === 'rejected' ? (r.problem.type as string).split(':').pop() : r.outcome,
  );

export function issuance(
  residentCode: string,
  fields: { serialNumber?: string; itemsDigest?: string } = {},
): Json {
  return {
    recordId: randomUUID(),
    recordedAt: new Date().toISOString(),
    serialNumber: fields.serialNumber ?? randomUUID().replaceAll('-', '').toUpperCase().slice(0, 20),
    certificateType: 'signature',
    residentCode,
    municipalityCode: TOKYO,
    notBefore: new Date().toISOString(),
    notAfter: new Date(Date.now() + 86_400_000).toISOString(),
    itemsDigest: fields.itemsDigest ?? ITEMS_DIGEST,
  };
}

export async function sendIssuances(records: Json[]): Promise<Json[]> {
  const res = await call('POST', '/certificate-issuances', {
    batchId: randomUUID(),
    sentAt: new Date().toISOString(),
    authorityId: 'test-authority',
    records,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(env.spec.validate('certificate-issuances/batch-result', res.body).errors).toEqual([]);
  return res.body.results;
}

export function cardBatch(residentCodes: readonly string[], municipalityCode = TOKYO): Json {
  return {
    batchId: randomUUID(),
    sentAt: new Date().toISOString(),
    municipalityCode,
    records: residentCodes.map((residentCode) => ({
      recordId: randomUUID(),
      recordedAt: new Date().toISOString(),
      residentCode,
      individualNumber: INDIVIDUAL_NUMBER,
      items: ITEMS,
      cardType: 'my-number-card',
    })),
  };
}

/** Revocation records that reached the stand-in authority. */
export const revocationsSent = (): Json[] => env.authority.arrivals.flatMap((a) => a.body.records);

export { today, waitFor } from '../certification-authority/ca-test-harness.ts';
