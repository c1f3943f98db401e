import { TekigoUsageError } from '../errors.ts';
import type { ExchangeEntry, FaultEntry, LedgerEntry, NewEntry, ObservationEntry } from './ledger-entry.ts';
import { OffHeapTexts } from './off-heap-texts.ts';

export type LedgerListener = (entry: LedgerEntry) => void;

export interface LedgerFilter<K extends LedgerEntry['kind'] = LedgerEntry['kind']> {
  readonly kind?: K;
  /** Only entries with a sequence number greater than this. */
  readonly since?: number;
}

export interface ExchangeFilter {
  readonly from?: string;
  readonly to?: string;
  readonly interface?: string;
}

/** The serialised ledger, as embedded in reports and served by mocks. */
export interface LedgerJson {
  /** Wall-clock time the ledger was created: the zero of every `startMs`. */
  readonly createdAt: string;
  readonly entries: readonly LedgerEntry[];
}

type Entry<K extends LedgerEntry['kind']> = Extract<LedgerEntry, { kind: K }>;

export interface LedgerOptions {
  /**
   * Keep each new entry as its JSON text outside the JavaScript heap (`OffHeapTexts`: a temporary
   * file, unlinked at once) until something reads the ledger, then decode the texts once and keep
   * the objects, as a ledger does by default. For a ledger that records thousands of entries a
   * second and is read rarely (a mock peer under load): every entry kept on the heap is copied by
   * the garbage collector's next young-generation collection, and those pauses are added latency.
   * Entries must be plain JSON (they are: a report stores them so); readers get equal, not
   * identical, objects to the ones `append` returned.
   */
  readonly compact?: boolean;
}

/**
 * An append-only, ordered record of evidence. Sequence numbers start at 1 and never repeat,
 * even across `clear()`, so a reader's "since" cursor stays valid. Times are monotonic
 * milliseconds since the ledger was created (`now()`), immune to wall-clock steps.
 */
export class Ledger {
  #createdAt = new Date().toISOString();
  #origin = performance.now();
  #entries: LedgerEntry[] = [];
  /** Compact ledgers only: entries appended since the last read, as JSON text, in order. */
  readonly #pending: OffHeapTexts | null = null;
  #lastSeq = 0;
  readonly #listeners = new Set<LedgerListener>();

  constructor(options: LedgerOptions = {}) {
    if (options.compact) this.#pending = new OffHeapTexts();
  }

  /** The entries as objects: decodes what a compact ledger kept as text since the last read. */
  #settled(): LedgerEntry[] {
    const pending = this.#pending;
    if (pending !== null && pending.length > 0)
      for (const text of pending.take()) this.#entries.push(Object.freeze(JSON.parse(text) as LedgerEntry));
    return this.#entries;
  }

  /** Wall-clock time the ledger was created: the zero of every `startMs`. */
  get createdAt(): string {
    return this.#createdAt;
  }

  /** Monotonic milliseconds since the ledger was created. */
  now(): number {
    return performance.now() - this.#origin;
  }

  append(entry: NewEntry<ExchangeEntry>): ExchangeEntry;
  append(entry: NewEntry<FaultEntry>): FaultEntry;
  append(entry: NewEntry<ObservationEntry>): ObservationEntry;
  append(entry: NewEntry<LedgerEntry>): LedgerEntry {
    const stored = Object.freeze({
      ...entry,
      seq: ++this.#lastSeq,
      at: entry.at ?? new Date().toISOString(),
      startMs: entry.startMs ?? this.now(),
    }) as LedgerEntry;
    if (this.#pending === null) this.#entries.push(stored);
    else this.#pending.push(JSON.stringify(stored));
    for (const listener of this.#listeners) listener(stored);
    return stored;
  }

  entries<K extends LedgerEntry['kind'] = LedgerEntry['kind']>(filter: LedgerFilter<K> = {}): Entry<K>[] {
    const since = filter.since ?? 0;
    return this.#settled().filter(
      (e): e is Entry<K> => e.seq > since && (filter.kind === undefined || e.kind === filter.kind),
    );
  }

  /** Entries appended after `seq`, in order: the cursor a poller keeps. */
  since(seq: number): LedgerEntry[] {
    return this.entries({ since: seq });
  }

  exchanges(filter: ExchangeFilter = {}): ExchangeEntry[] {
    return this.entries({ kind: 'exchange' }).filter(
      (e) =>
        (filter.from === undefined || e.from === filter.from) &&
        (filter.to === undefined || e.to === filter.to) &&
        (filter.interface === undefined || e.interface === filter.interface),
    );
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Drops every entry but keeps counting, so sequence numbers stay unique for this ledger. */
  clear(): void {
    this.#entries = [];
    this.#pending?.clear();
  }

  /** Calls `listener` with every entry appended from now on; returns the unsubscribe function. */
  subscribe(listener: LedgerListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  toJSON(): LedgerJson {
    return { createdAt: this.createdAt, entries: [...this.#settled()] };
  }

  /**
   * Restores a serialised ledger, e.g. from a report, to re-run checks over it. Entries
   * appended afterwards continue its sequence and its clock (from the last recorded time).
   */
  static fromJSON(json: LedgerJson): Ledger {
    if (typeof json?.createdAt !== 'string' || !Array.isArray(json.entries)) {
      throw new TekigoUsageError(
        'INVALID_LEDGER',
        'cannot restore a ledger: expected { createdAt: string, entries: [...] }; pass the object a ledger or a report wrote',
      );
    }
    let lastMs = 0;
    for (const e of json.entries) lastMs = Math.max(lastMs, e.startMs, e.kind === 'exchange' ? e.endMs : 0);
    const ledger = new Ledger();
    ledger.#createdAt = json.createdAt;
    ledger.#origin = performance.now() - lastMs;
    ledger.#entries = json.entries.map((e) => Object.freeze({ ...e }));
    ledger.#lastSeq = json.entries.reduce((max, e) => Math.max(max, e.seq), 0);
    return ledger;
  }
}
