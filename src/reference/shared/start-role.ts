import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { type ProductionServing, productionServing } from '../../security/production-serving.ts';
import type { SecuritySeams } from '../../security/security-seams.ts';
import {
  createHttpClient,
  type HttpClient,
  type ListenOptions,
  type MutualTlsProfile,
  type RequestListener,
  startServer,
} from '../../transport/index.ts';
import { openDatabase } from './database.ts';
import { createHttpApp, type HttpAppOptions } from './http-app.ts';
import { type Log, silentLog } from './json-log.ts';
import type { ParameterOverrides } from './parameters.ts';
import { findReplica, resolveRoleParameters } from './role-kit.ts';
import { loadValidator, type ValidateFields } from './validation.ts';

/** The options every reference role takes. */
export interface ReferenceOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Where the SQLite file lives; a fresh temporary folder, removed on stop, when absent. */
  readonly dataDir?: string;
  /** Serves the upper tester under /conformance/. */
  readonly testMode?: boolean;
  /** A name from the role's REPLICAS: plugs that replica's seams in. */
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

/** A started reference role. */
export interface StartedRole<P, R> {
  readonly url: string;
  readonly parameters: P;
  readonly replica: R | undefined;
  stop(): Promise<void>;
}

/** Something that runs beside the server: started once it listens, stopped (in order) before it closes. */
export interface RoleWorker {
  start(): void;
  stop(): Promise<void> | void;
}

/** What the role's own wiring is given: its seams and parameters, where its data lives, how it serves and calls. */
export interface RoleContext<P, S> {
  readonly seams: S;
  readonly validate: ValidateFields;
  readonly parameters: P;
  readonly dataDir: string;
  readonly serving: ProductionServing;
  readonly client: HttpClient;
  readonly log: Log;
  /** The role's SQLite file in its data folder, closed on stop. */
  database(fileName: string): DatabaseSync;
  /** A database that does not outlive the process (a replica's volatile store), closed on stop. */
  memoryDatabase(): DatabaseSync;
}

/** What the role's wiring hands back: its routes, how its server guards input, what runs beside it. */
export interface RoleWiring {
  readonly routes: HttpAppOptions['routes'];
  /** A client has this long for its request's headers, and again for its body, before a 408. */
  readonly receiveDeadlineMs: number;
  /** False for a replica that reads every body to its end and keeps Node's own headers timeout. */
  readonly guardsInput?: boolean;
  /** The HTTP app's other switches (replica defects); `log`, when the role counts what the app logs. */
  readonly app?: Omit<
    HttpAppOptions,
    'routes' | 'log' | 'authorise' | 'bodyTimeoutMs' | 'unguardedBodies'
  > & {
    readonly log?: Log;
  };
  /** Server settings of a role that declares them apart (a headers deadline of its own, a header size). */
  readonly listen?: Pick<ListenOptions, 'headersTimeoutMs' | 'maxHeaderBytes'>;
  /** Wraps the app's listener, e.g. to run each request in a context of its own. */
  readonly listener?: (app: RequestListener) => RequestListener;
  /** Called once the server listens, before the workers start: connection settings and listeners. */
  readonly onServer?: (server: Server) => void;
  /** More fields of the `started` log line. */
  readonly started?: Readonly<Record<string, unknown>>;
  readonly workers?: readonly RoleWorker[];
}

export interface RoleStart<
  P,
  R extends { readonly name: string },
  S extends { readonly security: SecuritySeams },
> {
  /** The role it serves as (production profile: the certificate it presents and expects). */
  readonly role: string;
  /** The prefix of the temporary data folder when none is given. */
  readonly dataDirPrefix: string;
  readonly options: ReferenceOptions;
  /** The role's replicas; `options.replica` names one. */
  readonly replicas: readonly R[];
  /** The reference's seams with the replica's plugged in. */
  readonly seamsOf: (replica: R | undefined) => S;
  readonly defaults: P;
  /** The upper-tester/capabilities body, against which the parameters are checked. */
  readonly capabilities: (parameters: P) => unknown;
  /** Whether the upper tester is served, before the production profile has its say (default: test mode). */
  readonly upperTester?: (seams: S) => boolean;
  readonly wire: (context: RoleContext<P, S>) => RoleWiring | Promise<RoleWiring>;
}

/** Node's own headers timeout, kept when the input is not guarded. */
const UNGUARDED_HEADERS_TIMEOUT_MS = 60_000;

/**
 * The start-up every reference role shares: a data folder, the serving profile and outbound
 * client, the role's own wiring, the server, its workers and the `started` log line; `stop` undoes
 * it in reverse. A start that fails releases what it opened. What the role does stays in `wire`.
 */
export async function startRole<
  P extends { readonly retry: { readonly jitter: string } },
  R extends { readonly name: string },
  S extends { readonly security: SecuritySeams },
>(start: RoleStart<P, R, S>): Promise<StartedRole<P, R>> {
  const { options } = start;
  const replica = findReplica(start.replicas, options.replica);
  const seams = start.seamsOf(replica);
  const validate = await loadValidator();
  const parameters = resolveRoleParameters(
    validate,
    start.defaults,
    start.capabilities,
    options.params ?? {},
  );
  const log = options.log ?? silentLog;
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), start.dataDirPrefix));
  const databases: DatabaseSync[] = [];
  const opened = (db: DatabaseSync) => {
    databases.push(db);
    return db;
  };
  const serving = productionServing(
    start.role,
    options.tls,
    seams.security,
    start.upperTester?.(seams) ?? options.testMode ?? false,
    options.peers,
  );
  const client = createHttpClient(serving.client);
  const release = async () => {
    await client.close();
    for (const db of databases.reverse()) db.close();
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  let wiring: RoleWiring;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    wiring = await start.wire({
      seams,
      validate,
      parameters,
      dataDir,
      serving,
      client,
      log,
      database: (fileName) => opened(openDatabase(dataDir, fileName)),
      memoryDatabase: () => opened(new DatabaseSync(':memory:')),
    });
    const guarded = wiring.guardsInput ?? true;
    const app = createHttpApp({
      log,
      ...wiring.app,
      bodyTimeoutMs: wiring.receiveDeadlineMs,
      unguardedBodies: !guarded,
      ...serving.app,
      routes: wiring.routes,
    });
    server = await startServer(wiring.listener ? wiring.listener(app) : app, {
      ...(options.host !== undefined ? { host: options.host } : {}),
      port: options.port ?? 0,
      ...(serving.server ? { profile: serving.server } : {}),
      headersTimeoutMs: guarded ? wiring.receiveDeadlineMs : UNGUARDED_HEADERS_TIMEOUT_MS,
      ...wiring.listen,
    });
  } catch (error) {
    await release();
    throw error;
  }
  if (serving.maxConnections !== undefined) server.server.maxConnections = serving.maxConnections;
  wiring.onServer?.(server.server);
  const workers = wiring.workers ?? [];
  for (const worker of workers) worker.start();
  log({
    event: 'started',
    level: 'info',
    correlationId: randomUUID(),
    replica: replica?.name ?? null,
    parameters,
    ...wiring.started,
    ...serving.startedLog,
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
        await release();
      })();
      return stopped;
    },
  };
}
