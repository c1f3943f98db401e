import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { TekigoUsageError } from '../../errors.ts';
import { resolvePointer } from '../../faults/json-pointer.ts';
import { sha256Hex } from '../../spec/canonical-json.ts';
import { type FieldError, pointerToken, problem } from '../../spec/problem-types.ts';
import { createHttpClient, startServer } from '../../transport/index.ts';
import { SUPPORTED_JITTER } from '../shared/backoff.ts';
import { inTransaction, openDatabase } from '../shared/database.ts';
import {
  createHttpApp,
  jsonReply,
  noContent,
  problemReply,
  type Reply,
  type RequestContext,
  type Route,
} from '../shared/http-app.ts';
import { Inbox, type RecordResult } from '../shared/inbox.ts';
import { itemsDigest } from '../shared/items-digest.ts';
import { type Log, silentLog } from '../shared/json-log.ts';
import { OUTBOX_DEFECTS, Outbox } from '../shared/outbox.ts';
import { OutboxSender, SENDER_DEFECTS } from '../shared/outbox-sender.ts';
import { applyParameterOverrides, type ParameterOverrides } from '../shared/parameters.ts';
import { Peers } from '../shared/peers.ts';
import { loadValidator, type ValidateFields } from '../shared/validation.ts';
import {
  AUTHORITY_ID,
  type CertificationAuthorityParameters,
  capabilities,
  DEFAULT_PARAMETERS,
  IMPLEMENTATION,
  ROLE,
} from './capabilities.ts';
import {
  type Certificate,
  CertificateStore,
  type NewCertificate,
  type RevocationReason,
} from './certificate-store.ts';
import { type CertificationAuthorityDefect, REPLICA_NAMES, REPLICAS, type Replica } from './replicas.ts';

export interface CertificationAuthorityOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Where the SQLite file lives; a fresh temporary folder, removed on stop, when absent. */
  readonly dataDir?: string;
  /** Serves the upper tester under /conformance/. */
  readonly testMode?: boolean;
  /** A name from REPLICAS: switches that one defect on. */
  readonly replica?: string;
  /** Parameter overrides by dotted path, e.g. `{ 'retry.maxAttempts': 3 }`. */
  readonly params?: ParameterOverrides;
  /** Peers known from the start, e.g. `{ 'national-center': 'http://127.0.0.1:4000' }`. */
  readonly peers?: Readonly<Record<string, string>>;
  readonly log?: Log;
  /** The jitter source; tests pin it. */
  readonly random?: () => number;
}

export interface StartedCertificationAuthority {
  readonly url: string;
  readonly parameters: CertificationAuthorityParameters;
  readonly replica: Replica | undefined;
  stop(): Promise<void>;
}

const NATIONAL_CENTER = 'national-center';
const ISSUANCES = 'certificate-issuances';
const REVOCATIONS = 'revocation-requests';
const DEFAULT_VALIDITY_DAYS = 1825;
const DAY_MS = 86_400_000;
const STATUS_LAG_MS = 2_000;
/** How long the replica ca-cached-report serves a reconciliation report again. */
const REPORT_CACHE_MS = 1_000;
/** The replica ca-shared-status-slot's "signing" pause, during which its shared slot can be overwritten. */
const STATUS_SIGNING_MS = 10;
/**
 * A client has this long for a request's headers, and again for its body, before it is answered
 * 408: short, since every legitimate peer sends at once (GEN-TMO-001 allows 10 s for headers).
 */
const RECEIVE_DEADLINE_MS = 1_000;
/** Node's own headers timeout, which the replica ca-unguarded-input keeps. */
const UNGUARDED_HEADERS_TIMEOUT_MS = 60_000;
const SERIAL_NUMBER = /^[0-9A-F]{16,40}$/;

/** What the CA reports in reconciliation, per peer. */
const RECONCILED: Readonly<
  Record<string, readonly { interface: string; direction: 'outbound' | 'inbound' }[]>
> = {
  [NATIONAL_CENTER]: [
    { interface: ISSUANCES, direction: 'outbound' },
    { interface: REVOCATIONS, direction: 'inbound' },
  ],
};

interface CertificateOrder {
  readonly serialNumber?: string;
  readonly certificateType: 'signature' | 'user-authentication';
  readonly residentCode: string;
  readonly municipalityCode: string;
  readonly items: unknown;
  readonly validityDays?: number;
}

interface RevocationRecord {
  readonly recordId: string;
  readonly recordedAt: string;
  readonly serialNumber: string;
  readonly residentCode: string;
  readonly reason: RevocationReason;
}

/**
 * The reference certification authority: issues certificates through the upper tester, notifies
 * the national center of each one through a durable outbox, accepts revocations and answers
 * certificate status. Every state change is committed before it is acknowledged.
 */
export async function startCertificationAuthority(
  options: CertificationAuthorityOptions = {},
): Promise<StartedCertificationAuthority> {
  const replica = findReplica(options.replica);
  const defects = new Set<CertificationAuthorityDefect>(replica ? [replica.defect] : []);
  const validate = await loadValidator();
  const parameters = resolveParameters(validate, options.params ?? {});
  const log = options.log ?? silentLog;

  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tekigo-ca-'));
  const db = openDatabase(dataDir, 'certification-authority.sqlite');
  // A replica that keeps one of these in memory loses it on every crash.
  const volatile = (defect: CertificationAuthorityDefect) =>
    defects.has(defect) ? new DatabaseSync(':memory:') : db;
  const store = new CertificateStore(volatile('volatile-certificates'));
  const outbox = new Outbox(
    volatile('volatile-outbox'),
    new Set(OUTBOX_DEFECTS.filter((defect) => defects.has(defect))),
  );
  const inbox = new Inbox(volatile('memory-dedup'));
  const peers = new Peers(db, options.peers);
  const client = createHttpClient();
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
    defects: new Set(SENDER_DEFECTS.filter((defect) => defects.has(defect))),
    ...(options.random ? { random: options.random } : {}),
  });

  const digest = (items: unknown): string =>
    defects.has('bad-digest') ? sha256Hex(JSON.stringify(items)).toUpperCase() : itemsDigest(items);

  const invalid = (errors: readonly FieldError[], body?: unknown): Reply => {
    const told = defects.has('echo-invalid-values')
      ? errors.map((e) => ({ ...e, detail: `${e.detail} (got ${quoted(resolvePointer(body, e.pointer))})` }))
      : errors;
    return problemReply(
      problem('validation', {
        detail: told.map((e) => `${e.pointer || '(body)'}: ${e.detail}`).join('; '),
        errors: told,
      }),
    );
  };

  function issueCertificates(body: unknown, correlationId: string): Reply {
    const errors = stimulusErrors(validate, body);
    if (errors.length > 0) return invalid(errors, body);
    const orders = (body as { certificates: readonly CertificateOrder[] }).certificates;
    const serials = orders.map(
      (order) => order.serialNumber ?? randomBytes(10).toString('hex').toUpperCase(),
    );
    const taken = store.existing(serials);
    const clashes = serials.flatMap((serial, i) =>
      taken.has(serial) || serials.indexOf(serial) !== i
        ? [{ pointer: `/certificates/${i}/serialNumber`, detail: 'this serialNumber is already issued' }]
        : [],
    );
    if (clashes.length > 0)
      return problemReply(
        problem('conflict', {
          title: 'Serial number in use',
          detail: 'choose unused serial numbers or leave them out',
          errors: clashes,
        }),
      );

    const now = Date.now();
    const nowIso = new Date(now).toISOString();
    const issued = orders.map((order, i) => {
      const certificate: NewCertificate = {
        serialNumber: serials[i] ?? '',
        certificateType: order.certificateType,
        residentCode: order.residentCode,
        municipalityCode: order.municipalityCode,
        notBefore: nowIso,
        notAfter: new Date(now + (order.validityDays ?? DEFAULT_VALIDITY_DAYS) * DAY_MS).toISOString(),
        itemsDigest: digest(order.items),
      };
      return { certificate, recordId: randomUUID() };
    });
    inTransaction(db, () => {
      store.insert(issued.map(({ certificate }) => certificate));
      outbox.enqueue(
        issued.map(({ certificate, recordId }) => ({
          recordId,
          interfaceName: ISSUANCES,
          peer: NATIONAL_CENTER,
          recordedAt: nowIso,
          payload: { recordId, recordedAt: nowIso, ...certificate },
        })),
        now,
      );
    });
    sender.wake();
    if (defects.has('logs-personal-data'))
      log({ event: 'certificates-issued', correlationId, certificates: orders, serialNumbers: serials });
    return jsonReply(202, {
      stimulusId: randomUUID(),
      kind: 'issue-certificates',
      recordIds: issued.map(({ recordId }) => recordId),
      serialNumbers: issued.map(({ certificate }) => certificate.serialNumber),
    });
  }

  function receiveRevocations({ body }: RequestContext): Reply {
    const errors = validate(`${REVOCATIONS}/batch-request`, body);
    if (errors.length > 0 && !defects.has('lax-validation')) return invalid(errors, body);
    const { batchId, records } = body as { batchId: string; records: readonly RevocationRecord[] };
    if (records.length > parameters.maxBatchSize) {
      return problemReply(
        problem('payload-too-large', {
          title: 'Batch too large',
          detail: `this authority accepts at most ${parameters.maxBatchSize} records per batch (its declared maxBatchSize); split the batch`,
          errors: [
            { pointer: '/records', detail: `must NOT have more than ${parameters.maxBatchSize} items` },
          ],
        }),
      );
    }
    const revokedAt = new Date().toISOString();
    const keepFirst = !defects.has('revocation-overwrite');
    const results: RecordResult[] = inbox.receive(REVOCATIONS, NATIONAL_CENTER, records, (record) =>
      store.revoke(record, revokedAt, keepFirst),
    );
    return jsonReply(200, { batchId, results });
  }

  let statusSlot: { serialNumber: string; certificate: Certificate | undefined } | undefined;

  async function certificateStatus({ params }: RequestContext): Promise<Reply> {
    let serialNumber = params.serialNumber ?? '';
    if (!SERIAL_NUMBER.test(serialNumber)) {
      return invalid([
        { pointer: '', detail: 'the serialNumber path parameter must be 16 to 40 upper-case hex digits' },
      ]);
    }
    let certificate = store.find(serialNumber);
    if (defects.has('shared-status-slot')) {
      statusSlot = { serialNumber, certificate };
      await new Promise((resolve) => setTimeout(resolve, STATUS_SIGNING_MS));
      ({ serialNumber, certificate } = statusSlot);
    }
    const producedAt = new Date().toISOString();
    if (!certificate) return jsonReply(200, { serialNumber, status: 'unknown', producedAt });
    const lagging =
      defects.has('status-lag') &&
      certificate.revokedAt !== null &&
      Date.now() - Date.parse(certificate.revokedAt) < STATUS_LAG_MS;
    if (certificate.status === 'good' || lagging)
      return jsonReply(200, { serialNumber, status: 'good', producedAt });
    return jsonReply(200, {
      serialNumber,
      status: 'revoked',
      revokedAt: certificate.revokedAt,
      revocationReason: certificate.reason,
      producedAt,
    });
  }

  const reportCache = new Map<string, { atMs: number; report: unknown }>();

  function reconciliation({ query }: RequestContext): Reply {
    const date = query.get('date') ?? '';
    const peer = query.get('peer') ?? '';
    const errors: FieldError[] = [];
    if (!isCalendarDate(date))
      errors.push({
        pointer: '/date',
        detail: 'the date query parameter must be a calendar date YYYY-MM-DD',
      });
    if (validate('common/party', peer).length > 0 && !defects.has('lenient-reconciliation'))
      errors.push({ pointer: '/peer', detail: 'the peer query parameter must name a party' });
    if (errors.length > 0) return invalid(errors);
    const key = `${date} ${peer}`;
    const cached = defects.has('cached-report') ? reportCache.get(key) : undefined;
    if (cached && Date.now() - cached.atMs < REPORT_CACHE_MS) return jsonReply(200, cached.report);
    const entries = (RECONCILED[peer] ?? []).map((entry) => {
      const counted =
        entry.direction === 'outbound'
          ? outbox.reconcile(entry.interface, peer, date)
          : inbox.reconcile(entry.interface, peer, date);
      return defects.has('count-deliveries')
        ? {
            ...counted,
            counts: { ...counted.counts, total: counted.counts.total + counted.counts.duplicate },
          }
        : counted;
    });
    const report = { role: ROLE, peer, date, generatedAt: new Date().toISOString(), entries };
    if (defects.has('cached-report')) reportCache.set(key, { atMs: Date.now(), report });
    return jsonReply(200, report);
  }

  function deadLetters({ query }: RequestContext): Reply {
    const interfaceName = query.get('interface');
    if (interfaceName !== null && validate('common/interface-name', interfaceName).length > 0) {
      return invalid([
        { pointer: '/interface', detail: 'the interface query parameter must name an interface' },
      ]);
    }
    const filter = defects.has('unfiltered-dead-letters') ? undefined : (interfaceName ?? undefined);
    return jsonReply(200, { items: outbox.deadLetters(filter) });
  }

  function redrive({ params }: RequestContext): Reply {
    const result = outbox.redrive(params.id ?? '', Date.now());
    // The replica answers like an UPDATE that never checks whether it matched a row.
    if (!result && defects.has('redrive-unknown-accepted'))
      return jsonReply(202, { id: params.id, state: 'redriven' });
    if (!result)
      return problemReply(
        problem('not-found', {
          title: 'Unknown dead letter',
          detail: 'no dead letter has this id; list them with GET /dead-letters',
        }),
      );
    sender.wake();
    return jsonReply(202, result);
  }

  function setPeers({ body }: RequestContext): Reply {
    const errors = validate('upper-tester/peers', body);
    if (errors.length > 0) return invalid(errors);
    const given = (body as { peers: Record<string, { baseUrl: string }> }).peers;
    if (!given[NATIONAL_CENTER]) {
      return invalid([
        {
          pointer: `/peers/${NATIONAL_CENTER}`,
          detail: 'the certification authority sends to the national-center: give its baseUrl',
        },
      ]);
    }
    peers.replace(Object.fromEntries(Object.entries(given).map(([name, peer]) => [name, peer.baseUrl])));
    sender.wake();
    return noContent;
  }

  function reset(): Reply {
    sender.abandonInFlight();
    inTransaction(db, () => {
      store.clear();
      if (!defects.has('reset-keeps-outbox')) outbox.clear();
      inbox.clear();
    });
    return noContent;
  }

  const conformanceRoutes: Route[] = [
    {
      method: 'GET',
      path: '/conformance/capabilities',
      handle: () => jsonReply(200, capabilities(parameters)),
    },
    { method: 'PUT', path: '/conformance/peers', body: 'json', handle: setPeers },
    {
      method: 'POST',
      path: '/conformance/stimulus',
      body: 'json',
      handle: ({ body, correlationId }) => issueCertificates(body, correlationId),
    },
    { method: 'POST', path: '/conformance/reset', handle: reset },
  ];
  const notTestMode = problemReply(
    problem('not-test-mode', {
      title: 'Not in test mode',
      detail: 'the upper tester is served only when the implementation runs with --test-mode',
    }),
  );
  const routes: Route[] = [
    { method: 'POST', path: `/${REVOCATIONS}`, body: 'json', handle: receiveRevocations },
    { method: 'GET', path: '/certificate-status/:serialNumber', handle: certificateStatus },
    { method: 'GET', path: '/reconciliation', handle: reconciliation },
    { method: 'GET', path: '/dead-letters', handle: deadLetters },
    { method: 'POST', path: '/dead-letters/:id/redrive', handle: redrive },
    {
      method: 'GET',
      path: '/health',
      handle: () =>
        jsonReply(200, {
          status: 'up',
          role: ROLE,
          implementation: IMPLEMENTATION,
          time: new Date().toISOString(),
        }),
    },
    ...(options.testMode || defects.has('upper-tester-always-on')
      ? conformanceRoutes
      : (['GET', 'PUT', 'POST', 'DELETE'] as const).map(
          (method): Route => ({ method, path: '/conformance/*', handle: () => notTestMode }),
        )),
  ];

  const unguarded = defects.has('unguarded-input');
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(
      createHttpApp({
        routes,
        log,
        bodyTimeoutMs: RECEIVE_DEADLINE_MS,
        ignoreOfferedCorrelationId: defects.has('no-correlation-echo'),
        logRequestHeaders: defects.has('logs-request-headers'),
        unguardedBodies: unguarded,
      }),
      {
        ...(options.host !== undefined ? { host: options.host } : {}),
        port: options.port ?? 0,
        headersTimeoutMs: unguarded ? UNGUARDED_HEADERS_TIMEOUT_MS : RECEIVE_DEADLINE_MS,
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
      {
        name,
      },
    );
  }
  return replica;
}

/** Defaults with overrides, refused unless the capabilities they make stay within the spec's bounds. */
function resolveParameters(
  validate: ValidateFields,
  overrides: ParameterOverrides,
): CertificationAuthorityParameters {
  const parameters = applyParameterOverrides(DEFAULT_PARAMETERS, overrides);
  const errors = validate('upper-tester/capabilities', capabilities(parameters));
  if (errors.length > 0) {
    throw new TekigoUsageError(
      'BAD_PARAMETER',
      `cannot use these parameters: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}. Keep them within the bounds of upper-tester/capabilities`,
      { errors },
    );
  }
  if (!SUPPORTED_JITTER.includes(parameters.retry.jitter)) {
    throw new TekigoUsageError(
      'BAD_PARAMETER',
      `cannot use retry.jitter ${JSON.stringify(parameters.retry.jitter)}: the reference supports ${SUPPORTED_JITTER.join(', ')}`,
    );
  }
  return parameters;
}

/**
 * The stimulus schema is a oneOf over kinds, and a validator reports every branch's failures.
 * The kind is checked first; then only the issue-certificates branch's own fields are reported.
 */
function stimulusErrors(validate: ValidateFields, body: unknown): FieldError[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return [{ pointer: '', detail: 'must be an object' }];
  const fields = body as Record<string, unknown>;
  if (fields.kind !== 'issue-certificates') {
    return [
      {
        pointer: '/kind',
        detail: 'the certification-authority supports only the stimulus kind issue-certificates',
      },
    ];
  }
  const errors: FieldError[] = Object.keys(fields)
    .filter((key) => key !== 'kind' && key !== 'certificates')
    .map((key) => ({ pointer: `/${pointerToken(key)}`, detail: 'must NOT have additional properties' }));
  if (!('certificates' in fields))
    errors.push({ pointer: '/certificates', detail: "must have required property 'certificates'" });
  const own = validate(
    'upper-tester/stimulus-request',
    body,
    ({ instancePath }) => instancePath === '/certificates' || instancePath.startsWith('/certificates/'),
  );
  return [...errors, ...own];
}

/** How the replica ca-echo-invalid-values quotes a refused value: scalars only. */
function quoted(value: unknown): string {
  return typeof value === 'object' && value !== null ? 'a structure' : JSON.stringify(value);
}

function isCalendarDate(value: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value);
}
