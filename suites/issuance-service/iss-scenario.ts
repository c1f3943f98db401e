import type { IssuedAnswer } from '../../src/checks/check-documents-own.ts';
import type { ConformanceTest } from '../../src/conformance/conformance-suite.ts';
import { type SyntheticResident, syntheticResident } from '../../src/conformance/synthetic-data.ts';
import { TekigoHarnessError } from '../../src/errors.ts';
import type { ExchangeEntry } from '../../src/evidence/ledger-entry.ts';
import {
  type CertificateRequestFields,
  certificateRequest,
} from '../../src/mocks/kiosk-gateway/certificate-request.ts';
import type { MockHandle } from '../../src/mocks/mock-runtime.ts';
import { residentSnapshot } from '../../src/mocks/municipality/resident-snapshot.ts';
import type { CertificateRequest } from '../../src/spec/message-types.generated.ts';

/**
 * Shared steps of the issuance-service suite. tekigo plays the three parties around the
 * service: the kiosk gateway (sends certificate requests), the municipality (sends resident
 * syncs) and the print service, which holds every print result until the suite releases it.
 * A test therefore states the interleaving it forces: which results exist, in which order,
 * and which are held past the declared print timeout (`deliveryBoundMs`).
 */
export const KIOSK = 'kiosk-gateway';
export const MUNICIPALITY = 'municipality';
export const PRINT = 'print-service';
export const TOKYO = '131016';

/** Time a loaded machine may add to the service's own bounds before the suite stops waiting. */
const SLACK_MS = 10_000;

/** However much progress a starved service makes, the suite waits no longer than this for its print jobs. */
const PROGRESS_CAP_MS = 30_000;

let nextTag = (Math.floor(Date.now() / 1000) % 90_000) + 10_000;

export type Resident = SyntheticResident;
export type Items = Resident['items'];

/** Residents never used before in this run. */
export function planResidents(count: number): Resident[] {
  const tag = ++nextTag;
  return Array.from({ length: count }, (_, i) => syntheticResident(tag * 100 + i, TOKYO));
}

/** Points the kiosk gateway and municipality mocks at the service under test. */
export async function connect(t: ConformanceTest): Promise<void> {
  const url = t.env.targetUrl;
  await t.env.mock(KIOSK).setPeers([{ interface: 'certificate-requests', url }]);
  await t.env.mock(MUNICIPALITY).setPeers([{ interface: 'resident-sync', url }]);
}

/** Syncs one snapshot per entry as the municipality; fails the run unless every record is accepted. */
export async function sync(
  t: ConformanceTest,
  snapshots: readonly { resident: Resident; version: number; items?: Items; householdId?: string }[],
): Promise<ExchangeEntry> {
  const records = snapshots.map(({ resident, version, items, householdId }) =>
    residentSnapshot({ residentCode: resident.residentCode, items: items ?? resident.items }, version, {
      ...(householdId === undefined ? {} : { householdId }),
    }),
  );
  const [delivery] = (await t.env.mock(MUNICIPALITY).send({ interface: 'resident-sync', records }))
    .deliveries;
  const results = (delivery?.responseBody as { results?: { outcome: string }[] } | null)?.results ?? [];
  if (delivery?.status !== 200 || results.some((r) => r.outcome !== 'accepted'))
    throw new TekigoHarnessError(
      'SETUP_REFUSED',
      `the service did not accept a resident sync of residents it never held (answered ${delivery?.status ?? 'nothing'}): the test cannot go on`,
    );
  return delivery;
}

/** A certificate request for a resident. */
export const requestFor = (resident: Resident, fields: CertificateRequestFields = {}): CertificateRequest =>
  certificateRequest(resident, fields);

/** A kiosk gateway the suite sends through, and the ledger its exchanges are recorded in. */
export interface Gateway {
  readonly mock: MockHandle;
  readonly ledger: string;
}

export const kiosk = (t: ConformanceTest): Gateway => ({ mock: t.env.mock(KIOSK), ledger: KIOSK });

/**
 * A second kiosk gateway (its own connections, recorded in the suite's ledger), for more
 * requests at once than one gateway's connection pool carries; the caller stops it.
 */
export async function secondKiosk(t: ConformanceTest): Promise<Gateway> {
  const mock = await t.env.startPeer(KIOSK);
  await mock.setPeers([{ interface: 'certificate-requests', url: t.env.targetUrl }]);
  return { mock, ledger: 'suite' };
}

/** Sends a certificate request as a kiosk gateway; resolves with its recorded answer. */
export async function issue(
  t: ConformanceTest,
  body: CertificateRequest,
  via: Gateway = kiosk(t),
): Promise<IssuedAnswer> {
  const timeoutMs = t.env.capabilities.parameters.deliveryBoundMs + 10_000;
  const [entry] = (await via.mock.send({ interface: 'certificate-requests', body, timeoutMs })).deliveries;
  if (!entry) throw new TekigoHarnessError('NO_DELIVERY', 'the kiosk gateway mock recorded no delivery');
  return answerOf(entry, via.ledger);
}

export function answerOf(entry: ExchangeEntry, ledger: string = KIOSK): IssuedAnswer {
  return {
    request: entry.requestBody as CertificateRequest,
    status: entry.status,
    headers: entry.responseHeaders,
    body: entry.responseBody,
    evidence: [{ ledger, seq: entry.seq }],
  };
}

/** Requests in flight, with which have been answered so far. */
export class InFlight {
  readonly #answers = new Map<string, IssuedAnswer>();
  readonly #pending: Promise<IssuedAnswer>[] = [];

  /** Sends every request at once, through the kiosk gateway mock unless `via` names another. */
  constructor(t: ConformanceTest, bodies: readonly CertificateRequest[], via?: Gateway) {
    this.add(t, bodies, via);
  }

  add(t: ConformanceTest, bodies: readonly CertificateRequest[], via: Gateway = kiosk(t)): this {
    for (const body of bodies)
      this.#pending.push(
        issue(t, body, via).then((answer) => {
          this.#answers.set(body.requestId, answer);
          return answer;
        }),
      );
    return this;
  }

  /** How many requests sent have no answer yet. */
  unanswered(): number {
    return this.#pending.length - this.#answers.size;
  }

  /** The requests answered so far, by requestId. */
  answeredIds(): string[] {
    return [...this.#answers.keys()];
  }

  all(): Promise<IssuedAnswer[]> {
    return Promise.all(this.#pending);
  }
}

interface HeldJobView {
  readonly jobId: string;
  readonly requestId: string;
  readonly state: string;
  readonly reads: number;
}

/** The print jobs the print service holds, by requestId (the first job of each request). */
export async function printJobs(t: ConformanceTest): Promise<Map<string, HeldJobView>> {
  const state = (await t.env.mock(PRINT).state()) as { jobs: HeldJobView[] };
  const byRequest = new Map<string, HeldJobView>();
  for (const job of state.jobs) if (!byRequest.has(job.requestId)) byRequest.set(job.requestId, job);
  return byRequest;
}

/**
 * Waits until every named request has either submitted its print job or been answered (refused);
 * the print service holds every job meanwhile. Resolves with the jobs by requestId.
 *
 * A service answers every request within its print timeout, so one that neither prints nor
 * answers for that long (plus slack) is stuck. A CPU-starved service that is still submitting
 * jobs or answering is slow, not stuck: the wait goes on while it makes progress, up to
 * `PROGRESS_CAP_MS` in all, and only a service that stalls for the whole quiet period makes the
 * interleaving impossible to force (a harness error, not a verdict).
 */
export async function awaitSubmitted(
  t: ConformanceTest,
  requestIds: readonly string[],
  inFlight?: InFlight,
): Promise<Map<string, HeldJobView>> {
  const quietMs = t.env.capabilities.parameters.deliveryBoundMs + SLACK_MS;
  const started = Date.now();
  let done = -1;
  let lastProgress = started;
  let found: Map<string, HeldJobView> | undefined;
  while (!found) {
    const jobs = await printJobs(t);
    const answered = new Set(inFlight?.answeredIds() ?? []);
    const ready = requestIds.filter((id) => jobs.has(id) || answered.has(id)).length;
    if (ready === requestIds.length) found = jobs;
    else if (ready > done) [done, lastProgress] = [ready, Date.now()];
    else if (Date.now() - lastProgress > quietMs || Date.now() - started > PROGRESS_CAP_MS) break;
    if (!found) await pause(20);
  }
  if (!found)
    throw new TekigoHarnessError(
      'JOBS_NOT_SUBMITTED',
      `the service neither submitted a print job nor answered for ${requestIds.length - done} of ${requestIds.length} requests (no progress for ${quietMs} ms, or ${PROGRESS_CAP_MS} ms in all): the interleaving cannot be forced`,
    );
  t.observe('print jobs submitted or requests answered', {
    requests: requestIds.length,
    afterMs: Date.now() - started,
  });
  return found;
}

/** Releases print results, in the order given, as the print service (recorded in the suite's ledger). */
export async function release(
  t: ConformanceTest,
  requestIds: readonly string[],
  state: 'printed' | 'failed' = 'printed',
): Promise<void> {
  if (requestIds.length === 0) return;
  const answer = await t.env
    .peer(PRINT)
    .post('/print-control/release', { requestIds, state }, { interface: 'print-control' });
  if (answer.status !== 200)
    throw new TekigoHarnessError(
      'RELEASE_FAILED',
      `the print-service mock refused a release (${answer.status})`,
    );
}

/** Prints every job at once from now on (tests that do not force an interleaving). */
export async function printAtOnce(t: ConformanceTest): Promise<void> {
  await t.env.peer(PRINT).put('/print-control/auto', { release: true }, { interface: 'print-control' });
}

/** A deterministic shuffle: `order` reversed in pairs, so neighbours swap and the whole runs backwards. */
export function outOfOrder<T>(items: readonly T[]): T[] {
  return [...items]
    .reverse()
    .flatMap((_, i, all) => (i % 2 === 0 ? [all[i + 1], all[i]] : []))
    .filter((x): x is T => x !== undefined);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
