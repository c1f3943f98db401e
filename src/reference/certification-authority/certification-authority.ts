import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { TekigoUsageError } from '../../errors.ts';
import { productionServing } from '../../security/production-serving.ts';
import { createHttpClient, type MutualTlsProfile, startServer } from '../../transport/index.ts';
import { openDatabase } from '../shared/database.ts';
import { createHttpApp } from '../shared/http-app.ts';
import { Inbox } from '../shared/inbox.ts';
import { type Log, silentLog } from '../shared/json-log.ts';
import { Outbox } from '../shared/outbox.ts';
import { OutboxSender } from '../shared/outbox-sender.ts';
import type { ParameterOverrides } from '../shared/parameters.ts';
import { Peers } from '../shared/peers.ts';
import { loadValidator } from '../shared/validation.ts';
import { AUTHORITY_ID, type CertificationAuthorityParameters, ROLE } from './capabilities.ts';
import { CertificateStore } from './certificate-store.ts';
import { resolveParameters } from './inputs.ts';
import { REPLICA_NAMES, REPLICAS, type Replica } from './replicas.ts';
import { certificationAuthorityRoutes, ISSUANCES, NATIONAL_CENTER } from './routes.ts';
import { type Storage, withOverrides } from './seams.ts';

export interface CertificationAuthorityOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Where the SQLite file lives; a fresh temporary folder, removed on stop, when absent. */
  readonly dataDir?: string;
  /** Serves the upper tester under /conformance/. */
  readonly testMode?: boolean;
  /** A name from REPLICAS: plugs that replica's seams in. */
  readonly replica?: string;
  /** Parameter overrides by dotted path, e.g. `{ 'retry.maxAttempts': 3 }`. */
  readonly params?: ParameterOverrides;
  /** Peers known from the start, e.g. `{ 'national-center': 'http://127.0.0.1:4000' }`. */
  readonly peers?: Readonly<Record<string, string>>;
  readonly log?: Log;
  /** The production profile: serve and call with mutual TLS, authorising each caller by its certificate. */
  readonly tls?: MutualTlsProfile;
  /** The jitter source; tests pin it. */
  readonly random?: () => number;
}

export interface StartedCertificationAuthority {
  readonly url: string;
  readonly parameters: CertificationAuthorityParameters;
  readonly replica: Replica | undefined;
  stop(): Promise<void>;
}

/**
 * A client has this long for a request's headers, and again for its body, before it is answered
 * 408: short, since every legitimate peer sends at once (GEN-TMO-001 allows 10 s for headers).
 */
const RECEIVE_DEADLINE_MS = 1_000;
/** Node's own headers timeout, kept when the input is not guarded. */
const UNGUARDED_HEADERS_TIMEOUT_MS = 60_000;

/**
 * The reference certification authority: issues certificates through the upper tester, notifies
 * the national center of each one through a durable outbox, accepts revocations and answers
 * certificate status. Every state change is committed before it is acknowledged. Its routes are
 * in `routes.ts`; a replica replaces some of the seams of `seams.ts`.
 */
export async function startCertificationAuthority(
  options: CertificationAuthorityOptions = {},
): Promise<StartedCertificationAuthority> {
  const replica = findReplica(options.replica);
  const seams = withOverrides(replica?.seams);
  const validate = await loadValidator();
  const parameters = resolveParameters(validate, options.params ?? {});
  const log = options.log ?? silentLog;

  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tekigo-ca-'));
  const db = openDatabase(dataDir, 'certification-authority.sqlite');
  const on = (storage: Storage) => (storage === 'memory' ? new DatabaseSync(':memory:') : db);
  const store = new CertificateStore(on(seams.storage.certificates));
  const outbox = new Outbox(on(seams.storage.outbox), new Set(seams.outboxDefects));
  const inbox = new Inbox(on(seams.storage.receivedRecords));
  const peers = new Peers(db, options.peers);
  const serving = productionServing(ROLE, options.tls, seams.security, options.testMode ?? false);
  const client = createHttpClient(serving.client);
  const sender = new OutboxSender({
    outbox,
    interfaceName: ISSUANCES,
    path: `/${ISSUANCES}`,
    peerBaseUrl: () => peers.baseUrl(NATIONAL_CENTER),
    parameters,
    envelope: (records, batchId, sentAt) => ({ batchId, sentAt, authorityId: AUTHORITY_ID, records }),
    isValidResult: (body) => validate(`${ISSUANCES}/batch-result`, body).length === 0,
    client,
    log,
    defects: new Set(seams.senderDefects),
    ...(options.random ? { random: options.random } : {}),
  });
  const routes = certificationAuthorityRoutes({
    seams,
    validate,
    parameters,
    db,
    store,
    outbox,
    inbox,
    peers,
    sender,
    log,
    testMode: serving.upperTester,
  });

  const guarded = seams.http.guardsInput;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(
      createHttpApp({
        routes,
        log,
        bodyTimeoutMs: RECEIVE_DEADLINE_MS,
        ignoreOfferedCorrelationId: !seams.http.echoesCorrelationId,
        logRequestHeaders: seams.http.logsRequestHeaders,
        unguardedBodies: !guarded,
        ...(seams.http.deepBodies !== 'refused' ? { deepBodies: seams.http.deepBodies } : {}),
        ...serving.app,
      }),
      {
        ...(options.host !== undefined ? { host: options.host } : {}),
        port: options.port ?? 0,
        ...(serving.server ? { profile: serving.server } : {}),
        headersTimeoutMs: guarded ? RECEIVE_DEADLINE_MS : UNGUARDED_HEADERS_TIMEOUT_MS,
      },
    );
  } catch (error) {
    db.close();
    await client.close();
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  sender.start();
  log({ event: 'started', correlationId: randomUUID(), replica: replica?.name ?? null, parameters });

  let stopped: Promise<void> | undefined;
  return {
    url: server.url,
    parameters,
    replica,
    stop() {
      stopped ??= (async () => {
        await sender.stop();
        await server.stop();
        await client.close();
        db.close();
        if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

function findReplica(name: string | undefined): Replica | undefined {
  if (name === undefined) return undefined;
  const replica = REPLICAS.find((candidate) => candidate.name === name);
  if (!replica) {
    throw new TekigoUsageError(
      'UNKNOWN_REPLICA',
      `unknown replica ${JSON.stringify(name)}; known replicas: ${REPLICA_NAMES.join(', ')}`,
      { name },
    );
  }
  return replica;
}
