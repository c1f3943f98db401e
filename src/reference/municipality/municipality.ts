import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { productionServing } from '../../security/production-serving.ts';
import { createHttpClient, startServer } from '../../transport/index.ts';
import type { CertificationAuthorityOptions } from '../certification-authority/certification-authority.ts';
import { openDatabase } from '../shared/database.ts';
import { createHttpApp } from '../shared/http-app.ts';
import { Inbox } from '../shared/inbox.ts';
import { silentLog } from '../shared/json-log.ts';
import { Outbox } from '../shared/outbox.ts';
import { OutboxSender, type SenderDefect } from '../shared/outbox-sender.ts';
import { Peers } from '../shared/peers.ts';
import { findReplica, resolveRoleParameters } from '../shared/role-kit.ts';
import { loadValidator } from '../shared/validation.ts';
import {
  CENTER,
  capabilities,
  DEFAULT_PARAMETERS,
  ISSUANCE_SERVICE,
  MUNICIPALITY_CODE,
  type MunicipalityParameters,
  RESIDENT_CHANGES,
  RESIDENT_SYNC,
  ROLE as SERVING_ROLE,
} from './capabilities.ts';
import { CardBatches } from './card-batches.ts';
import { CardSubmitter } from './card-submitter.ts';
import { Register } from './register.ts';
import { REPLICAS, type Replica } from './replicas.ts';
import { ResidentOrderedOutbox } from './resident-order.ts';
import { municipalityRoutes } from './routes.ts';
import { withOverrides } from './seams.ts';

/** The options every reference role takes, as the certification authority declares them. */
export type MunicipalityOptions = CertificationAuthorityOptions;

export interface StartedMunicipality {
  readonly url: string;
  readonly parameters: MunicipalityParameters;
  readonly replica: Replica | undefined;
  stop(): Promise<void>;
}

/**
 * A client has this long for a request's headers, and again for its body: far below the 10 s of
 * GEN-TMO-001, yet above the one-second stalls of a loaded machine (a 1 s deadline answered a
 * complete small notice 408 there).
 */
const RECEIVE_DEADLINE_MS = 2_000;
/** Node's own headers timeout, kept when the input is not guarded. */
const UNGUARDED_HEADERS_TIMEOUT_MS = 60_000;

/**
 * The reference municipality: records resident changes and sends them to the national center in
 * per-resident order, pushes resident syncs to the issuance service, submits card batches and
 * follows them to the end, receives registration notices and chases the ones that do not come.
 * Every send goes through the durable outbox; every state change is committed before it is
 * acknowledged. Its routes are in `routes.ts`; a replica replaces some of the seams of `seams.ts`.
 */
export async function startMunicipality(options: MunicipalityOptions = {}): Promise<StartedMunicipality> {
  const replica = findReplica(REPLICAS, options.replica);
  const seams = withOverrides(replica?.seams);
  const validate = await loadValidator();
  const parameters = resolveRoleParameters(validate, DEFAULT_PARAMETERS, capabilities, options.params ?? {});
  const log = options.log ?? silentLog;

  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tekigo-mun-'));
  const file = openDatabase(dataDir, 'municipality.sqlite');
  const db = seams.storage === 'memory' ? new DatabaseSync(':memory:') : file;
  const defects = new Set(seams.outboxDefects);
  const outbox = seams.keepsResidentOrder
    ? new ResidentOrderedOutbox(db, defects, RESIDENT_CHANGES, (record) =>
        String(record.payload.residentCode),
      )
    : new Outbox(db, defects);
  const inbox = new Inbox(db);
  const register = new Register(db, seams.nextSyncVersion);
  const cards = new CardBatches(db);
  const peers = new Peers(file, options.peers);
  const serving = productionServing(
    SERVING_ROLE,
    options.tls,
    seams.security,
    (options.testMode ?? false) || seams.upperTesterWithoutTestMode,
  );
  const client = createHttpClient(serving.client);
  const random = options.random ? { random: options.random } : {};
  const batchSender = (interfaceName: string, peer: string, senderDefects: readonly SenderDefect[]) =>
    new OutboxSender({
      outbox,
      interfaceName,
      path: `/${interfaceName}`,
      peerBaseUrl: () => peers.baseUrl(peer),
      parameters,
      envelope: (records, batchId, sentAt) => ({
        batchId,
        sentAt,
        municipalityCode: MUNICIPALITY_CODE,
        records,
      }),
      isValidResult: (body) => validate(`${interfaceName}/batch-result`, body).length === 0,
      client,
      log,
      defects: new Set(senderDefects),
      ...random,
    });
  const senders = [
    batchSender(RESIDENT_CHANGES, CENTER, seams.changeSenderDefects),
    batchSender(RESIDENT_SYNC, ISSUANCE_SERVICE, seams.syncSenderDefects),
  ];
  const submitter = new CardSubmitter({
    db,
    outbox,
    cards,
    peers,
    parameters,
    seams,
    validate,
    client,
    log,
    ...random,
  });
  const workers = [...senders, submitter];
  const routes = municipalityRoutes({
    seams,
    validate,
    parameters,
    db,
    register,
    inbox,
    outbox,
    cards,
    peers,
    senders: workers,
    log,
    testMode: serving.upperTester,
  });

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(
      createHttpApp({
        ...serving.app,
        routes,
        log,
        bodyTimeoutMs: RECEIVE_DEADLINE_MS,
        ignoreOfferedCorrelationId: !seams.echoesCorrelationId,
        unguardedBodies: !seams.guardsInput,
      }),
      {
        ...(options.host !== undefined ? { host: options.host } : {}),
        port: options.port ?? 0,
        ...(serving.server ? { profile: serving.server } : {}),
        headersTimeoutMs: seams.guardsInput ? RECEIVE_DEADLINE_MS : UNGUARDED_HEADERS_TIMEOUT_MS,
      },
    );
  } catch (error) {
    if (db !== file) db.close();
    file.close();
    await client.close();
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  for (const worker of workers) worker.start();
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
        for (const worker of workers) await worker.stop();
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
