import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { TekigoUsageError } from '../../errors.ts';
import { productionServing } from '../../security/production-serving.ts';
import { createHttpClient, startServer } from '../../transport/index.ts';
import type { CertificationAuthorityOptions } from '../certification-authority/certification-authority.ts';
import { SUPPORTED_JITTER } from '../shared/backoff.ts';
import { openDatabase } from '../shared/database.ts';
import { createHttpApp, describeError } from '../shared/http-app.ts';
import { Inbox } from '../shared/inbox.ts';
import { silentLog } from '../shared/json-log.ts';
import { Outbox, type OutboxRecord } from '../shared/outbox.ts';
import { OutboxSender } from '../shared/outbox-sender.ts';
import { applyParameterOverrides, type ParameterOverrides } from '../shared/parameters.ts';
import { Peers } from '../shared/peers.ts';
import { loadValidator, type ValidateFields } from '../shared/validation.ts';
import {
  AUTHORITY,
  capabilities,
  DEFAULT_PARAMETERS,
  MUNICIPALITY,
  type NationalCenterParameters,
  NOTICES,
  REVOCATIONS,
  ROLE,
} from './capabilities.ts';
import { CardBatches, CardProcessor } from './card-batches.ts';
import { CardManagement } from './card-management.ts';
import { REPLICA_NAMES, REPLICAS, type Replica } from './replicas.ts';
import { ResidentStore } from './resident-store.ts';
import { Revocations } from './revocations.ts';
import { municipalityPeer, nationalCenterRoutes } from './routes.ts';
import { withOverrides } from './seams.ts';

/**
 * The options every reference role takes (port, host, dataDir, testMode, replica, params,
 * peers, log, random), as the certification authority declares them.
 */
export type NationalCenterOptions = CertificationAuthorityOptions;

export interface StartedNationalCenter {
  readonly url: string;
  readonly parameters: NationalCenterParameters;
  readonly replica: Replica | undefined;
  stop(): Promise<void>;
}

/** A client has this long for a request's headers, and again for its body (as the authority). */
const RECEIVE_DEADLINE_MS = 1_000;

/**
 * The reference national center: receives resident changes, certificate issuances and card
 * batches, links certificates, sends linked revocations to the certification authority and
 * registration notices to each municipality through durable outboxes. Every state change is
 * committed before it is acknowledged. Its routes are in `routes.ts`; a replica replaces some of
 * the seams of `seams.ts`.
 */
export async function startNationalCenter(
  options: NationalCenterOptions = {},
): Promise<StartedNationalCenter> {
  const replica = findReplica(options.replica);
  const seams = withOverrides(replica?.seams);
  const validate = await loadValidator();
  const parameters = resolveParameters(validate, options.params ?? {});
  const log = options.log ?? silentLog;

  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tekigo-nc-'));
  const file = openDatabase(dataDir, 'national-center.sqlite');
  const db = seams.storage === 'memory' ? new DatabaseSync(':memory:') : file;
  const residents = new ResidentStore(db);
  const outbox = new Outbox(db, new Set(seams.outboxDefects));
  const inbox = new Inbox(db);
  const peers = new Peers(file, options.peers);
  const cards = new CardBatches(db, seams, residents, outbox);
  const revocations = new Revocations(residents, outbox);
  const cardManagement = new CardManagement(db, seams, residents, cards, revocations);
  const serving = productionServing(ROLE, options.tls, seams.security, options.testMode ?? false);
  const client = createHttpClient(serving.client);
  const random = options.random ? { random: options.random } : {};
  const revocationSender = new OutboxSender({
    outbox,
    interfaceName: REVOCATIONS,
    path: `/${REVOCATIONS}`,
    peerBaseUrl: () => peers.baseUrl(AUTHORITY),
    parameters,
    envelope: (records, batchId, sentAt) => ({ batchId, sentAt, records }),
    isValidResult: (body) => validate(`${REVOCATIONS}/batch-result`, body).length === 0,
    client,
    log,
    defects: new Set(seams.revocationSenderDefects),
    ...random,
  });
  const noticeSender = new OutboxSender({
    outbox,
    interfaceName: NOTICES,
    path: `/${NOTICES}`,
    peerBaseUrl: () => peers.baseUrl(MUNICIPALITY),
    baseUrlFor: (record: OutboxRecord) =>
      peers.baseUrl(municipalityPeer(String(record.payload.municipalityCode))) ?? peers.baseUrl(MUNICIPALITY),
    // One notice per request: the interface carries a notice, not a batch of records.
    parameters: { ...parameters, maxBatchSize: 1 },
    envelope: (records) => toNotice(records[0] as Record<string, unknown>),
    isValidResult: (body) => validate(`${NOTICES}/acknowledgement`, body).length === 0,
    toBatchResult: (body, batchId, records) => {
      const { noticeId, outcome } = body as { noticeId: string; outcome: string };
      const recordId = records[0]?.recordId;
      return noticeId === recordId
        ? { batchId, results: [{ recordId, outcome: outcome === 'duplicate' ? 'duplicate' : 'accepted' }] }
        : undefined;
    },
    client,
    log,
    defects: new Set(seams.noticeSenderDefects),
    ...random,
  });
  const senders = [revocationSender, noticeSender];
  const processor = new CardProcessor(
    cards,
    (error) =>
      log({
        event: 'card-processing-error',
        level: 'error',
        correlationId: randomUUID(),
        error: describeError(error),
      }),
    () => noticeSender.wake(),
  );
  const routes = nationalCenterRoutes({
    seams,
    validate,
    parameters,
    db,
    residents,
    revocations,
    inbox,
    outbox,
    cards,
    cardManagement,
    processor,
    peers,
    senders,
    log,
    testMode: serving.upperTester,
  });

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(
      createHttpApp({
        routes,
        log,
        bodyTimeoutMs: RECEIVE_DEADLINE_MS,
        ignoreOfferedCorrelationId: !seams.echoesCorrelationId,
        ...(seams.deepBodies !== 'refused' ? { deepBodies: seams.deepBodies } : {}),
        ...serving.app,
      }),
      {
        ...(options.host !== undefined ? { host: options.host } : {}),
        port: options.port ?? 0,
        ...(serving.server ? { profile: serving.server } : {}),
        headersTimeoutMs: RECEIVE_DEADLINE_MS,
      },
    );
  } catch (error) {
    if (db !== file) db.close();
    file.close();
    await client.close();
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  for (const sender of senders) sender.start();
  processor.start();
  log({
    event: 'started',
    level: 'info',
    correlationId: randomUUID(),
    replica: replica?.name ?? null,
    parameters,
  });

  let stopped: Promise<void> | undefined;
  return {
    url: server.url,
    parameters,
    replica,
    stop() {
      stopped ??= (async () => {
        await processor.stop();
        for (const sender of senders) await sender.stop();
        await server.stop();
        await client.close();
        if (db !== file) db.close();
        file.close();
        if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

/** The stored notice as it goes on the wire: the outbox's recordId is its noticeId. */
function toNotice(payload: Record<string, unknown>): Record<string, unknown> {
  const { recordId, ...notice } = payload;
  return { noticeId: recordId, ...notice };
}

/** Defaults with overrides, refused unless the capabilities they make stay within the spec's bounds. */
function resolveParameters(
  validate: ValidateFields,
  overrides: ParameterOverrides,
): NationalCenterParameters {
  const parameters = applyParameterOverrides(DEFAULT_PARAMETERS, overrides);
  const errors = validate('upper-tester/capabilities', capabilities(parameters));
  const jitterKnown = SUPPORTED_JITTER.includes(parameters.retry.jitter);
  if (errors.length === 0 && jitterKnown) return parameters;
  const why = jitterKnown
    ? errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')
    : `retry.jitter must be one of ${SUPPORTED_JITTER.join(', ')}`;
  throw new TekigoUsageError(
    'BAD_PARAMETER',
    `cannot use these parameters: ${why}. Keep them within the bounds of upper-tester/capabilities`,
    { errors },
  );
}

function findReplica(name: string | undefined): Replica | undefined {
  if (name === undefined) return undefined;
  const replica = REPLICAS.find((candidate) => candidate.name === name);
  if (!replica)
    throw new TekigoUsageError(
      'UNKNOWN_REPLICA',
      `unknown replica ${JSON.stringify(name)}; known replicas: ${REPLICA_NAMES.join(', ')}`,
      { name },
    );
  return replica;
}
