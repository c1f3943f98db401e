import type { ReconciliationEntry } from '../../reconciliation/reconciliation-entry.ts';
import { REFERENCE_SECURITY, type SecuritySeams } from '../../security/security-seams.ts';
import type { FieldError } from '../../spec/problem-types.ts';
import { itemsDigest } from '../shared/items-digest.ts';
import type { Log } from '../shared/json-log.ts';
import type { OutboxDefect } from '../shared/outbox.ts';
import type { SenderDefect } from '../shared/outbox-sender.ts';
import type { Certificate } from './certificate-store.ts';

/** Where a kind of state lives: in the SQLite file, or in memory (lost on every crash). */
export type Storage = 'durable' | 'memory';

/** What certificate-status answers from: the serial asked for and the certificate found for it. */
export type StatusLookup = (
  serialNumber: string,
) => Promise<{ serialNumber: string; certificate: Certificate | undefined }>;

/** Serves a reconciliation report, built by `build`, for one `date peer` key. */
export type ReportSource = (key: string, build: () => unknown) => unknown;

/**
 * The named places where the certification authority's behaviour can be changed. The reference
 * is `REFERENCE_SEAMS`; a replica overrides one or a few of them (see `replicas.ts`). Seams
 * that hold state are factories, called once per started authority.
 */
export interface CertificationAuthoritySeams {
  readonly storage: {
    readonly certificates: Storage;
    readonly outbox: Storage;
    /** Which revocation records were received, for idempotency and the inbound counts. */
    readonly receivedRecords: Storage;
  };
  /** Switches of the shared outbox (`../shared/outbox.ts`). */
  readonly outboxDefects: readonly OutboxDefect[];
  /** Switches of the shared sender (`../shared/outbox-sender.ts`). */
  readonly senderDefects: readonly SenderDefect[];
  readonly http: {
    /** Echo the caller's X-Correlation-Id (GEN-OBS-001). */
    readonly echoesCorrelationId: boolean;
    readonly logsRequestHeaders: boolean;
    /** Body size limit, header and body deadlines, media type and UTF-8 checks (GEN-VAL, GEN-TMO). */
    readonly guardsInput: boolean;
    /** What a body nested deeper than 1000 levels does: refused like any invalid body, or a replica's defect. */
    readonly deepBodies: 'refused' | 'crash' | 'hang';
    /**
     * How a failure inside a handler is answered: `concealed` (500 internal, nothing of the error),
     * or a replica's defect (`stack`: its stack and message as detail; `unavailable`: 503).
     */
    readonly internalErrors: 'concealed' | 'stack' | 'unavailable';
  };
  /** The production profile's switches (mutual TLS, authorisation, upper tester). */
  readonly security: SecuritySeams;
  /** Serve the upper tester even without test mode. */
  readonly upperTesterWithoutTestMode: boolean;
  /** The digest of a certificate's four items. */
  readonly itemsDigest: (items: unknown) => string;
  /** What a validation problem tells about the refused fields. */
  readonly toldErrors: (errors: readonly FieldError[], body: unknown) => readonly FieldError[];
  readonly validatesRevocations: boolean;
  /** A second revocation of a revoked certificate keeps the first one's time and reason. */
  readonly keepsFirstRevocation: boolean;
  /** How long certificate-status may still answer good after a revocation was accepted. */
  readonly revocationUnseenMs: number;
  readonly statusLookup: (find: (serialNumber: string) => Certificate | undefined) => StatusLookup;
  /** Refuse a reconciliation query for a name that is not a party. */
  readonly checksReconciliationPeer: boolean;
  readonly reportSource: () => ReportSource;
  /** The counts one reconciliation entry reports. */
  readonly reportedEntry: (entry: ReconciliationEntry) => ReconciliationEntry;
  readonly filtersDeadLetters: boolean;
  /** Answer a re-drive of an id that is no dead letter 404 (or, when false, 202). */
  readonly refusesUnknownRedrive: boolean;
  readonly resetClearsOutbox: boolean;
  /** Logs an issuance; the reference logs nothing about one. */
  readonly logIssuance: (
    log: Log,
    correlationId: string,
    orders: unknown,
    serialNumbers: readonly string[],
  ) => void;
}

export const REFERENCE_SEAMS: CertificationAuthoritySeams = {
  storage: { certificates: 'durable', outbox: 'durable', receivedRecords: 'durable' },
  outboxDefects: [],
  senderDefects: [],
  http: {
    echoesCorrelationId: true,
    logsRequestHeaders: false,
    guardsInput: true,
    deepBodies: 'refused',
    internalErrors: 'concealed',
  },
  upperTesterWithoutTestMode: false,
  security: REFERENCE_SECURITY,
  itemsDigest,
  toldErrors: (errors) => errors,
  validatesRevocations: true,
  keepsFirstRevocation: true,
  revocationUnseenMs: 0,
  statusLookup: (find) => async (serialNumber) => ({ serialNumber, certificate: find(serialNumber) }),
  checksReconciliationPeer: true,
  reportSource: () => (_key, build) => build(),
  reportedEntry: (entry) => entry,
  filtersDeadLetters: true,
  refusesUnknownRedrive: true,
  resetClearsOutbox: true,
  logIssuance: () => {},
};

/** What a replica changes: some seams, and for the grouped ones some of their members. */
export type SeamOverrides = Omit<Partial<CertificationAuthoritySeams>, 'storage' | 'http'> & {
  readonly storage?: Partial<CertificationAuthoritySeams['storage']>;
  readonly http?: Partial<CertificationAuthoritySeams['http']>;
};

/** The reference's seams with a replica's overrides. */
export function withOverrides(overrides: SeamOverrides = {}): CertificationAuthoritySeams {
  return {
    ...REFERENCE_SEAMS,
    ...overrides,
    storage: { ...REFERENCE_SEAMS.storage, ...overrides.storage },
    http: { ...REFERENCE_SEAMS.http, ...overrides.http },
  };
}
