import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { canonicalJson, sha256Hex } from '../../spec/canonical-json.ts';
import type { CertificateRequest, ResidentSyncBatchRequest } from '../../spec/message-types.generated.ts';
import { type FieldError, problem } from '../../spec/problem-types.ts';
import { jsonReply, problemReply, type Reply, type RequestContext } from '../shared/http-app.ts';
import type { Inbox } from '../shared/inbox.ts';
import type { Log } from '../shared/json-log.ts';
import { withLegacyName } from '../shared/legacy-names.ts';
import type { ValidateFields } from '../shared/validation.ts';
import {
  CERTIFICATE_REQUESTS,
  type IssuanceParameters,
  LIMITS,
  MUNICIPALITY,
  RESIDENT_SYNC,
} from './capabilities.ts';
import { imageBelongsTo, type PrintImage, type RenderedDocument, renderDocument } from './document.ts';
import type { PrintJobs, PrintOutcome } from './print-jobs.ts';
import type { ResidentSnapshot, ResidentStore, SyncRecord } from './resident-store.ts';
import type { IssuanceSeams } from './seams.ts';

export interface IssuanceParts {
  readonly seams: IssuanceSeams;
  readonly validate: ValidateFields;
  readonly parameters: IssuanceParameters;
  readonly residents: ResidentStore;
  readonly inbox: Inbox;
  readonly printJobs: PrintJobs;
  readonly log: Log;
}

/** Why a print wait ended before its print job did (replica seams only). */
type Released =
  | { readonly kind: 'reset' }
  | { readonly kind: 'sync' }
  | { readonly kind: 'adopted'; readonly document: RenderedDocument };

interface Waiter {
  readonly requestId: string;
  release(why: Released): void;
}

/** How long the torn-sync seam leaves a resident half updated. */
const TORN_WINDOW_MS = 1_000;
/** How long the after-ack seam waits before applying what it acknowledged. */
const LATE_APPLY_MS = 2_000;
/** How long and how often the adopts-late-results seam keeps reading an abandoned job. */
const LATE_WATCH = { everyMs: 100, forMs: 10_000 } as const;

export const invalid = (errors: readonly FieldError[]): Reply =>
  problemReply(
    problem('validation', {
      detail: errors.map((e) => `${e.pointer || '(body)'}: ${e.detail}`).join('; '),
      errors,
    }),
  );

/**
 * Certificate requests and resident syncs. Each document is rendered from one snapshot of its
 * subjects taken when its request arrives, printed as its own job, and handed over only when
 * that job is `printed` and the image still names this request; otherwise the request fails
 * closed. A resident-sync record is applied in one write before it is answered `accepted`.
 */
export class Issuance {
  readonly #parts: IssuanceParts;
  #inProgress = 0;
  readonly #requests = new Map<string, { contentHash: string; answer: Promise<Reply> }>();
  readonly #waiters = new Set<Waiter>();
  /** Replica seams: the one image slot every render writes, and the documents rendered lately. */
  #slot: PrintImage | undefined;
  readonly #rendered: RenderedDocument[] = [];
  readonly #orphans: RenderedDocument[] = [];
  #generation = 0;

  constructor(parts: IssuanceParts) {
    this.#parts = parts;
  }

  async certificateRequest({ body, correlationId }: RequestContext): Promise<Reply> {
    const arrival = Date.now();
    const { validate, seams } = this.#parts;
    const errors = validate(`${CERTIFICATE_REQUESTS}/request`, body);
    if (errors.length > 0) return invalid(errors);
    const request = body as CertificateRequest;
    const contentHash = sha256Hex(canonicalJson(request));
    const known = this.#requests.get(request.requestId);
    if (known && !seams.reissuesRepeats) {
      if (known.contentHash === contentHash) return known.answer;
      return problemReply(
        problem('conflict', {
          title: 'Request id in use',
          detail: 'a certificate request with this requestId and different content was already received',
        }),
      );
    }
    if (seams.limitsConcurrency && this.#inProgress >= LIMITS.maxConcurrentRequests) {
      return problemReply(
        problem('overloaded', {
          status: 503,
          detail: `more than ${LIMITS.maxConcurrentRequests} certificate requests are in progress; retry later`,
        }),
        { 'retry-after': '1' },
      );
    }
    this.#inProgress += 1;
    const answer = this.#issue(request, arrival, correlationId).finally(() => {
      this.#inProgress -= 1;
    });
    this.#requests.set(request.requestId, { contentHash, answer });
    const reply = await answer;
    // A holder not (yet) held is not remembered: the same request may succeed after a sync.
    if (reply.status === 404) this.#requests.delete(request.requestId);
    return reply;
  }

  async #issue(request: CertificateRequest, arrival: number, correlationId: string): Promise<Reply> {
    const { seams, parameters, printJobs, log } = this.#parts;
    const subjects = this.#subjects(request);
    if (!subjects)
      return problemReply(
        problem('unknown-resident', {
          detail: 'no resident with this residentCode is held under the holder municipalityCode',
        }),
      );
    const own = renderDocument(request, subjects);
    this.#slot = own.response.printImage;
    this.#rendered.push(own);
    if (this.#rendered.length > 256) this.#rendered.shift();
    const jobId = randomUUID();
    const job = {
      jobId,
      requestId: request.requestId,
      submittedAt: new Date().toISOString(),
      copies: request.copies,
      image: own.response.printImage,
    };
    const stop = new AbortController();
    let released: Released | undefined;
    const waiter: Waiter = {
      requestId: request.requestId,
      release: (why) => {
        released ??= why;
        stop.abort();
      },
    };
    this.#waiters.add(waiter);
    const orphan = this.#orphans.shift();
    if (orphan) waiter.release({ kind: 'adopted', document: orphan });
    let outcome: PrintOutcome;
    try {
      outcome = await printJobs.print(job, arrival + parameters.deliveryBoundMs, correlationId, stop.signal);
    } finally {
      this.#waiters.delete(waiter);
    }
    const handOver = (document: RenderedDocument['response'], recordIds: readonly string[]): Reply => {
      log({
        event: 'document-issued',
        level: 'info',
        correlationId,
        interface: CERTIFICATE_REQUESTS,
        requestId: request.requestId,
        jobId,
        recordIds,
      });
      return jsonReply(200, document);
    };
    if (outcome.kind === 'stopped' && released?.kind === 'adopted')
      return handOver(released.document.response, released.document.recordIds);
    if (outcome.kind === 'stopped' && released?.kind === 'sync')
      return handOver({ ...own.response, printImage: this.#slot ?? own.response.printImage }, own.recordIds);
    if (outcome.kind === 'stopped' && released?.kind === 'reset')
      return problemReply(
        problem('unavailable', { status: 503, detail: 'the service was reset; no document was issued' }),
      );
    if (outcome.kind === 'timeout' || outcome.kind === 'stopped') {
      if (seams.adoptsLateResults) void this.#watchLate(jobId, own);
      const next = this.#rendered.findLast((d) => d !== own);
      if (outcome.kind === 'timeout' && seams.onPrintTimeout === 'take-next-image' && next)
        return handOver(next.response, next.recordIds);
      if (outcome.kind === 'timeout' && seams.onPrintTimeout === 'answer-unprinted')
        return handOver(own.response, own.recordIds);
      return problemReply(
        problem('timeout', {
          detail: `the print job did not reach printed within ${parameters.deliveryBoundMs} ms of the request; no document was issued`,
        }),
      );
    }
    if (outcome.kind === 'failed')
      return problemReply(
        problem('unavailable', { status: 503, detail: 'the print job failed; no document was issued' }),
        { 'retry-after': '1' },
      );
    const image =
      seams.imageBuffer === 'shared' ? (this.#slot ?? own.response.printImage) : own.response.printImage;
    const document = { ...own.response, printImage: image };
    if (seams.checksImageBeforeHandover && !imageBelongsTo(image, request.requestId, document)) {
      log({
        event: 'image-mismatch',
        level: 'error',
        correlationId,
        requestId: request.requestId,
        jobId,
        recordIds: own.recordIds,
      });
      return problemReply(
        problem('unavailable', {
          status: 503,
          detail: 'the print image does not match the request; no document was issued',
        }),
      );
    }
    return handOver(document, own.recordIds);
  }

  /** The holder then, for a household residence record, the other members; undefined when the holder is not held there. */
  #subjects(request: CertificateRequest): ResidentSnapshot[] | undefined {
    const { residents } = this.#parts;
    const holder = residents.get(request.holder.residentCode);
    if (!holder) return undefined;
    if (
      this.#parts.seams.checksHolderMunicipality &&
      holder.municipalityCode !== request.holder.municipalityCode
    )
      return undefined;
    if (request.scope !== 'household' || holder.householdId === null) return [holder];
    const others = residents
      .household(holder.municipalityCode, holder.householdId)
      .filter((r) => r.residentCode !== holder.residentCode);
    return [holder, ...others].slice(0, 20);
  }

  /** Replica seam `adoptsLateResults`: an abandoned job that prints after all goes to whoever waits next. */
  async #watchLate(jobId: string, document: RenderedDocument): Promise<void> {
    const generation = this.#generation;
    for (let waited = 0; waited < LATE_WATCH.forMs; waited += LATE_WATCH.everyMs) {
      await sleep(LATE_WATCH.everyMs);
      if (generation !== this.#generation) return;
      if (!(await this.#parts.printJobs.printedLate(jobId, document.response.requestId))) continue;
      const [next] = this.#waiters;
      if (next) next.release({ kind: 'adopted', document });
      else this.#orphans.push(document);
      return;
    }
  }

  /** As many certificate requests in progress as the declared maxConcurrentRequests. */
  get saturated(): boolean {
    return this.#inProgress >= LIMITS.maxConcurrentRequests;
  }

  async residentSync({ body, correlationId }: RequestContext): Promise<Reply> {
    const { validate, parameters, seams, inbox, residents, log } = this.#parts;
    const errors = seams.validatesSync ? validate(`${RESIDENT_SYNC}/batch-request`, body) : [];
    if (errors.length > 0)
      return invalid(seams.namesRefusedResidents ? namingResidents(errors, body) : errors);
    const { batchId, municipalityCode, records } = body as ResidentSyncBatchRequest;
    if (seams.limitsSyncBatch && records.length > parameters.maxBatchSize)
      return problemReply(
        problem('payload-too-large', {
          title: 'Batch too large',
          detail: `this service accepts at most ${parameters.maxBatchSize} records per batch (its declared maxBatchSize); split the batch`,
          errors: [
            { pointer: '/records', detail: `must NOT have more than ${parameters.maxBatchSize} items` },
          ],
        }),
      );
    if (seams.syncApply === 'item-by-item') await this.#halfApply(municipalityCode, records);
    const later: SyncRecord[] = [];
    // Idempotency compares what the seam says is the content; the effect gets the record itself.
    const contents =
      seams.syncIdempotency === 'record-id'
        ? records.map((record) => ({ recordId: record.recordId, recordedAt: record.recordedAt }))
        : records;
    const originals = new Map<object, SyncRecord>(
      contents.map((content, i) => [content, records[i] as SyncRecord]),
    );
    const results = inbox.receive(RESIDENT_SYNC, MUNICIPALITY, contents, (content) => {
      const record = originals.get(content) as SyncRecord;
      const stored = residents.get(record.residentCode);
      if (
        seams.refusesStaleVersions &&
        stored &&
        stored.version >= record.version &&
        stored.recordId !== record.recordId
      )
        return problem('stale-sequence', {
          detail: `version ${record.version} is not above the stored version ${stored.version} of this resident`,
        });
      // Replica seam `keepsNamesIntact: false`: the name as a legacy character set keeps it.
      const kept = seams.keepsNamesIntact ? record : { ...record, items: withLegacyName(record.items) };
      if (seams.syncApply === 'after-ack') later.push(kept);
      else residents.put(municipalityCode, kept);
      return undefined;
    });
    if (later.length > 0) {
      const generation = this.#generation;
      setTimeout(() => {
        if (generation === this.#generation)
          for (const record of later) residents.put(municipalityCode, record);
      }, LATE_APPLY_MS).unref();
    }
    if (seams.syncReleasesPrintWaits && results.some((r) => r.outcome === 'accepted'))
      for (const waiter of [...this.#waiters]) waiter.release({ kind: 'sync' });
    log({
      event: 'records-received',
      level: 'info',
      correlationId,
      interface: RESIDENT_SYNC,
      peer: MUNICIPALITY,
      batchId,
      recordIds: results.map((r) => r.recordId),
      outcomes: results.map((r) => r.outcome),
    });
    return jsonReply(200, { batchId, results });
  }

  /** Replica seam `syncApply: 'item-by-item'`: the new name first, the rest a moment later. */
  async #halfApply(municipalityCode: string, records: readonly SyncRecord[]): Promise<void> {
    const { residents } = this.#parts;
    let touched = false;
    for (const record of records) {
      const stored = residents.get(record.residentCode);
      if (!stored || stored.municipalityCode !== municipalityCode || stored.version >= record.version)
        continue;
      residents.patchItems(record.residentCode, { ...stored.items, name: record.items.name }, stored.version);
      touched = true;
    }
    if (touched) await sleep(TORN_WINDOW_MS);
  }

  /** Forgets every request and stops every print wait (conformance reset). */
  clear(): void {
    this.#generation += 1;
    for (const waiter of [...this.#waiters]) waiter.release({ kind: 'reset' });
    this.#requests.clear();
    this.#rendered.length = 0;
    this.#orphans.length = 0;
    this.#slot = undefined;
  }
}

/** Replica seam `namesRefusedResidents`: each error about a record names that record's resident. */
function namingResidents(errors: readonly FieldError[], body: unknown): FieldError[] {
  const records = (body as { records?: { items?: { name?: { kanji?: unknown } } }[] }).records ?? [];
  return errors.map((error) => {
    const name = records[Number(error.pointer.split('/')[2])]?.items?.name?.kanji;
    return typeof name === 'string' ? { ...error, detail: `${error.detail} (resident ${name})` } : error;
  });
}
