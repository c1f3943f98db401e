import type { RelayGauges } from '../../checks/check-relay-baseline.ts';
import type { SutClient, SutResponse } from '../../client/sut-client.ts';
import type { EvidenceRef } from '../../report/report-model.ts';
import type { PartyIdentity } from '../../security/party-identity.ts';
import type { ConformanceTest } from '../conformance-suite.ts';
import type { PersonalItems } from './batch-receiver/receiver-judges.ts';

/**
 * How the generic profiles drive one role: a role's suite supplies this and keeps only the tests
 * that are truly about the role. Profiles never name a role's interfaces, peers or fields.
 */
export interface RoleAdapter {
  readonly role: string;
  /** The peers tekigo plays for this role, each as a mock. */
  readonly peers: readonly string[];
  /** The ids the single-instance profiles give their tests for this role (stable, never reused). */
  readonly ids: {
    readonly health: string;
    /** The internal-failure profile's test (the upper tester's fault hook, GEN-ERR-003). */
    readonly internalFailure: string;
  };
  /** Requests any healthy target answers without side effects, e.g. a status read. */
  readonly probes: readonly { readonly path: string; readonly interface: string }[];
  /** Each interface the role sends batches on (the batch-sender profile runs once per entry). */
  readonly sends: readonly SenderAdapter[];
  /** How the reconciliation profile provokes faults and what the role's report must cover. */
  readonly reconciliation?: ReconciliationAdapter;
  /** How the upper-tester profile stimulates the role and sees that nothing was done. */
  readonly upperTester?: UpperTesterAdapter;
  /** How the observability profile reaches unknown paths and makes refusals that carry personal data. */
  readonly observability?: ObservabilityAdapter;
  /** Each interface the role receives batches on (the batch-receiver profile runs once per entry). */
  readonly receives?: readonly ReceiverAdapter[];
  /**
   * Interfaces only the hostile-input and fuzz tests run on (those in `receives` get them too,
   * when their `ids` name them): for messages that are not batches the receiver profile judges.
   */
  readonly hostile?: readonly HostileReceiver[];
  /**
   * How the role shows its open client connections, when it does (the relay's `GET /metrics`),
   * and the requirement that holds it to release a stalled handshake's connection (RLY-TMO-002):
   * the security profile's handshake test reads it before and after.
   */
  readonly connectionGauge?: ConnectionGauge;
  /**
   * How the production profile makes the role call a peer without its upper tester (the security
   * profile's `<PREFIX>-A10`, GEN-SEC-005), or why nothing can.
   */
  readonly productionCall?: ProductionCall | { readonly notApplicable: string };
}

/** Something the suite sends the role, in the production profile, that makes it call one of its peers. */
export interface ProductionCall {
  /** The peer it then calls, one of `peers`. */
  readonly peer: string;
  /**
   * Sends it as the parties it takes (`as` gives a client holding a valid certificate of the
   * party, e.g. a municipal terminal of one municipality for the relay); resolves with the answer
   * to the last request. Each call sends something new (fresh ids), so each makes a new call.
   */
  cause(as: (identity: PartyIdentity) => Promise<SutClient>): Promise<SutResponse>;
  /** How long after the answer the role may take to call its peer (default 2 s: it calls before answering). */
  readonly withinMs?: number;
}

/** A reading of a role's gauges, or why it could not be made. */
export type GaugeReading = RelayGauges | { readonly ref: EvidenceRef; readonly failure: string };

export interface ConnectionGauge {
  readonly requirement: string;
  read(t: ConformanceTest): Promise<GaugeReading>;
}

/**
 * One interface a role receives batches of records on (`{ batchId, sentAt, …, records: [...] }`),
 * and how to make valid batches of it.
 */
export interface ReceiverAdapter<Rec = unknown> {
  /** The profile's test ids for this interface (stable, never reused), e.g. CA-V01, CA-V03, CA-V04. */
  readonly ids: {
    /** Oversized, undecodable, deeply nested and mistyped bodies. */
    readonly hostileBodies: string;
    /**
     * Batch bounds: empty, over 1000, over the declared maxBatchSize, a full one in time. Left out
     * for interfaces GEN-VAL-010 and GEN-BAT-003 do not name (e.g. registration-notices) and for an
     * interface that takes one record per request (see `outcomeOf`).
     */
    readonly bounds?: string;
    /** Silent, trickling and stalled connections; resets at every phase. */
    readonly connections: string;
    /**
     * Each record decided on its own; duplicate and conflicting record ids across and within
     * batches and in concurrent requests (needs `conflicting` and `refused`). Roles whose own
     * test judges these with its effects leave it out.
     */
    readonly records?: string;
    /** Records answered accepted survive a crash right after the answer (needs a launched target). */
    readonly crash?: string;
    /** Long and control-character fields, prototype keys, an oversized header, names outside the BMP. */
    readonly hostileInput?: string;
    /** Schema-derived cases, seeded and bounded (`--seed`, `--fuzz-cases`). */
    readonly fuzz?: string;
  };
  /** The interface, e.g. `revocation-requests`. */
  readonly interface: string;
  /** The path a batch is POSTed to, e.g. `/revocation-requests`. */
  readonly path: string;
  /** The record field that identifies a record, e.g. `recordId`. */
  readonly recordId: string;
  /**
   * The outcome of each record of a request, in request order, for interfaces whose answer is not
   * a batch result with per-record `results` (e.g. a registration notice is acknowledged whole:
   * every record of an `acknowledged` notice is `accepted`). Without it, `results[].outcome`.
   */
  outcomes?(answer: SutResponse, records: readonly Rec[]): readonly string[];
  /**
   * For an interface that takes one record per request instead of a batch (`batch` then returns
   * that record's body): the outcome its answer gives the record, e.g. `accepted` for a 200.
   * Without it, the outcome is read from the batch answer's `results`.
   */
  outcomeOf?(answer: SutResponse): string | undefined;
  /** The top-level field the 10,000-level nested body nests in (default `records`). */
  readonly nestIn?: string;
  /**
   * Where a record carries a resident's four items (e.g. `['items']`), for names outside the BMP
   * and personal data kept out of problems; absent when the records carry none.
   */
  readonly personalItems?: readonly string[];
  /** Message types of the batch and its answer, for validation in the evidence. */
  readonly requestType?: string;
  readonly responseType?: string;
  /**
   * `count` valid records under fresh ids, the target prepared for them (e.g. the certificates
   * they name issued): each would be accepted if sent now.
   */
  prepare(t: ConformanceTest, count: number): Promise<readonly Rec[]>;
  /** The batch envelope around these records, under a fresh batchId. */
  batch(records: readonly Rec[]): Record<string, unknown>;
  /** The same record id with other content, still valid: a conflict once the record is stored. */
  conflicting?(record: Rec): Rec;
  /**
   * A valid record, under a fresh id, that the role rejects on its own (e.g. naming a resident or
   * a certificate it does not hold), while the records beside it are accepted.
   */
  refused?(record: Rec): Rec;
  /**
   * The record made invalid in personal fields, and the personal data it then carries: its
   * refusal must hold none of it (GEN-SEC-006). Left out when the records carry no personal data.
   */
  spoil?(record: Rec): { readonly record: Rec; readonly personal: PersonalItems };
  /**
   * Reads back the name (kanji) the target keeps for an accepted record, where the role shows it
   * again (e.g. on a document it issues): names outside the BMP must come back intact
   * (GEN-VAL-007). Left out when the role shows no stored name.
   */
  readName?(
    t: ConformanceTest,
    record: Rec,
  ): Promise<{ readonly name: string | undefined; readonly answer: SutResponse; readonly where: string }>;
  /**
   * Reads whether a record's effect is visible on the target (e.g. a certificate revoked), for
   * requests that must have had none; without it, only the record's later acceptance is judged.
   */
  effect?(
    t: ConformanceTest,
    record: Rec,
  ): Promise<{ readonly applied: boolean; readonly answer: SutResponse; readonly message: string }>;
}

/** An interface only the hostile-input and fuzz tests run on: a receiver with just their ids. */
export type HostileReceiver<Rec = unknown> = Omit<ReceiverAdapter<Rec>, 'ids'> & {
  readonly ids: Pick<ReceiverAdapter['ids'], 'hostileInput' | 'fuzz'>;
};

/**
 * How the observability profile runs for one role. A role without a stimulus kind leaves out
 * `stimuli` and the fields beside it: only unknown paths and correlation ids are then judged.
 */
export type ObservabilityAdapter<Planned = unknown> = ObservabilityPaths &
  (ObservabilityStimuli<Planned> | { readonly stimuli?: undefined });

/** What the observability profile asks of every role. */
export interface ObservabilityPaths {
  /** The profile's test id for this role (stable, never reused), e.g. `CA-V07`. */
  readonly id: string;
  /** Paths the role does not serve, besides `/no-such-path` and `/health/extra`. */
  readonly unknownPaths: readonly (readonly ['GET' | 'POST', string])[];
}

/** How the observability profile makes refusals that carry personal data, through stimuli. */
export interface ObservabilityStimuli<Planned = unknown> {
  /** How records are planned and a stimulus is written. */
  readonly stimuli: UpperTesterAdapter<Planned>;
  /** The record with personal fields made invalid, and the personal data it then carries. */
  spoil(planned: Planned): { readonly record: Planned; readonly personal: PersonalItems };
  /** What a stimulus with a spoilt record is, in a finding's words. */
  readonly spoilt: string;
  /** What a second stimulus for a record already created is, in a finding's words. */
  readonly taken: string;
  /** The personal data a record carries. */
  personalOf(planned: Planned): PersonalItems;
}

/** How the upper-tester profile runs for one role. */
export interface UpperTesterAdapter<Planned = unknown> {
  /** The profile's test id for this role (stable, never reused), e.g. `CA-V08`. */
  readonly id: string;
  /** Plans the records a stimulus would create. */
  readonly via: SenderAdapter<Planned>;
  /** The body of a stimulus that, in test mode, would create these records. */
  stimulusBody(planned: readonly Planned[]): unknown;
  /** Reads, through `client`, whether the record exists; `absent` when nothing created it. */
  lookup(
    client: SutClient,
    planned: Planned,
  ): Promise<{ readonly answer: SutResponse; readonly absent: boolean; readonly message: string }>;
}

/** How the reconciliation profile runs for one role. */
export interface ReconciliationAdapter<Planned = unknown> {
  /** The profile's test id for this role (stable, never reused), e.g. `CA-R01`. */
  readonly id: string;
  /** The interface the profile provokes faults on; its peer is the one both reports are asked of. */
  readonly via: SenderAdapter<Planned>;
  /** Every interface the role's report for that peer must cover. */
  readonly interfaces: readonly string[];
}

/** One interface a role sends batches of records on, and how to make it send them. */
export interface SenderAdapter<Planned = unknown> {
  /** Prefix of the profile's test ids for this interface, e.g. `CA-S` gives CA-S01 … CA-S06. */
  readonly ids: string;
  /** The interface, e.g. `certificate-issuances`. */
  readonly interface: string;
  /** The peer (a mock) that receives what the role sends on it. */
  readonly peer: string;
  /** The record field that identifies a record across re-sends, e.g. `serialNumber`. */
  readonly naturalKey: string;
  /** Records whose natural keys are known before they are sent, so a fault rule can name one. */
  plan(count: number): readonly Planned[];
  keyOf(planned: Planned): string;
  /** Makes the target send these records, through its upper tester. */
  stimulate(t: ConformanceTest, planned: readonly Planned[]): Promise<Stimulated>;
}

export interface Stimulated {
  /** The natural keys of the records, in the order planned. */
  readonly keys: readonly string[];
  /** The recordIds the target gave them, in the same order. */
  readonly recordIds: readonly string[];
  /** Wall-clock time just before the stimulus, the zero of every delivery bound. */
  readonly sinceEpochMs: number;
}
