import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { freePort, launchParty, type StartedParty } from '../../test-env/embedded/launch-party.ts';
import { TekigoEnvironmentError } from '../errors.ts';
import { seededRandom } from '../faults/seeded-random.ts';
import { acceptedDigest, jstDate } from '../reconciliation/accepted-digest.ts';
import { referenceFor } from '../reference/registry.ts';
import { BatchSender } from './batch-sender.ts';
import { planNationalDay, shuffle } from './national-day-plan.ts';
import { startRevocationSink } from './revocation-sink.ts';

/**
 * `tekigo simulate national-day`: a real day's volume sent to a national center with faults,
 * then read back. The reference is launched as its own process (and killed once with SIGKILL
 * and restarted on the same port and data folder halfway through the last phase); a vendor's
 * center is given with `target` and is never killed.
 */
export interface NationalDayOptions {
  readonly scale: number;
  readonly target?: string;
  readonly seed?: number;
  readonly concurrency?: number;
  /** One progress line at a time, on stderr. */
  readonly progress?: (line: string) => void;
}

export interface NationalDayResult {
  readonly sent: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly lost: number;
  readonly doubled: number;
  readonly revocations: number;
  readonly wallMs: number;
  readonly peakRssBytes: number;
  readonly revocationsExpected: number;
  readonly rejected: number;
  readonly reconciliationAgrees: boolean;
  readonly restarts: number;
  readonly requests: number;
  readonly faults: number;
  readonly recordsPerSecond: number;
}

const FAULT_RATE = 0.05;
const DUPLICATE_RATE = 0.01;
const REVOCATION_WAIT_MS = 120_000;
const PROGRESS_EVERY_MS = 2_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident-set high-water mark of a process on Linux (`VmHWM`), 0 where /proc is not there. */
function peakRssOf(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function setAuthorityPeer(target: string, authorityUrl: string): Promise<void> {
  const answer = await request(new URL('/conformance/peers', target), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ peers: { 'certification-authority': { baseUrl: authorityUrl } } }),
  }).catch((error: unknown) => {
    throw new TekigoEnvironmentError(
      'TARGET_UNREACHABLE',
      `cannot reach the national center at ${target} (${(error as Error).message}); start it in test mode and give its base URL with --target`,
    );
  });
  await answer.body.dump();
  if (answer.statusCode >= 300)
    throw new TekigoEnvironmentError(
      'PEERS_REFUSED',
      `the national center at ${target} answered ${answer.statusCode} to PUT /conformance/peers; run it in test mode so revocations can be sent to the simulated authority`,
    );
}

async function reconcile(
  target: string,
  day: string,
  peer: string,
  interfaceName: string,
): Promise<{ accepted: number; digest: string } | undefined> {
  const answer = await request(new URL(`/reconciliation?date=${day}&peer=${peer}`, target));
  if (answer.statusCode !== 200) {
    await answer.body.dump();
    return undefined;
  }
  const report = (await answer.body.json()) as {
    entries: { interface: string; direction: string; counts: { accepted: number }; acceptedDigest: string }[];
  };
  const entry = report.entries.find((e) => e.interface === interfaceName && e.direction === 'inbound');
  return entry && { accepted: entry.counts.accepted, digest: entry.acceptedDigest };
}

export async function simulateNationalDay(options: NationalDayOptions): Promise<NationalDayResult> {
  const started = Date.now();
  const seed = options.seed ?? 20_041_231;
  const random = seededRandom(seed);
  const progress = options.progress ?? (() => {});
  const plan = planNationalDay(options.scale, Math.floor(started / 1000) % 8_000);
  const sink = await startRevocationSink(FAULT_RATE, seededRandom(seed + 1));
  let center: StartedParty | undefined;
  let dataDir: string | undefined;
  let centerPeakRss = 0;
  let restarts = 0;
  let sender: BatchSender | undefined;
  const watch = () => {
    if (center) centerPeakRss = Math.max(centerPeakRss, peakRssOf(center.pid));
  };
  try {
    let target = options.target;
    let relaunch: (() => Promise<StartedParty>) | undefined;
    if (target === undefined) {
      dataDir = mkdtempSync(path.join(tmpdir(), 'tekigo-national-day-'));
      const port = await freePort();
      const launch = () =>
        launchParty({
          name: 'national-center',
          entry: referenceFor('national-center').entry,
          args: [
            '--test-mode',
            '--port',
            String(port),
            '--data-dir',
            dataDir as string,
            '--peer',
            `certification-authority=${sink.url}`,
          ],
          startTimeoutMs: 60_000,
        });
      center = await launch();
      target = center.url;
      relaunch = launch;
    } else await setAuthorityPeer(target, sink.url);

    const total = plan.records;
    let doneBefore = 0;
    let done = 0;
    let phase = 0;
    let lastLine = 0;
    let crash: Promise<void> | undefined;
    const lastPhase = plan.phases.length - 1;
    const lastPhaseRecords = plan.phases[lastPhase]?.reduce((n, b) => n + b.body.records.length, 0) ?? 0;
    sender = new BatchSender(target, {
      concurrency: options.concurrency ?? 8,
      faultRate: FAULT_RATE,
      duplicateRate: DUPLICATE_RATE,
      random,
      onProgress: (inPhase) => {
        done = doneBefore + inPhase;
        const now = Date.now();
        if (now - lastLine >= PROGRESS_EVERY_MS) {
          lastLine = now;
          watch();
          const rate = Math.round(done / ((now - started) / 1000));
          const bar = '#'.repeat(Math.round((done / total) * 30)).padEnd(30, '.');
          progress(
            `national-day [${bar}] ${done}/${total} records, phase ${phase + 1}/${plan.phases.length}, ${rate} records/s, ${sink.bySerial.size} revocations`,
          );
        }
        if (relaunch && crash === undefined && phase === lastPhase && inPhase >= lastPhaseRecords / 2) {
          const again = relaunch;
          crash = (async () => {
            watch();
            progress('national-day: killing the national center (SIGKILL) and starting it again');
            await center?.kill('SIGKILL');
            center = await again();
            restarts++;
          })();
        }
      },
    });
    for (const batches of plan.phases) {
      await sender.sendAll(shuffle([...batches], random));
      doneBefore += batches.reduce((n, b) => n + b.body.records.length, 0);
      phase++;
    }
    await crash;

    const waitUntil = Date.now() + REVOCATION_WAIT_MS;
    const covered = () => [...plan.expectedRevocations].every((serial) => sink.bySerial.has(serial));
    while (!covered() && Date.now() < waitUntil) await sleep(200);
    await sleep(500);
    watch();

    const tally = sender.tally;
    const answered = new Set([...tally.acceptedAnswers.keys(), ...tally.duplicateAnswers.keys()]);
    const changeIds = plan.phases
      .flat()
      .filter((b) => b.interface === 'resident-changes')
      .flatMap((b) => b.body.records.map((r) => r.recordId));
    const noticeIds = plan.phases
      .flat()
      .filter((b) => b.interface === 'certificate-issuances')
      .flatMap((b) => b.body.records.map((r) => r.recordId));
    const day = jstDate(new Date(started).toISOString());
    const changesHeld = await reconcile(target, day, 'municipality', 'resident-changes');
    const noticesHeld = await reconcile(target, day, 'certification-authority', 'certificate-issuances');
    const reconciliationAgrees =
      changesHeld?.digest === acceptedDigest(changeIds) && noticesHeld?.digest === acceptedDigest(noticeIds);
    const held = (changesHeld?.accepted ?? 0) + (noticesHeld?.accepted ?? 0);
    const missingRevocations = [...plan.expectedRevocations].filter((s) => !sink.bySerial.has(s)).length;
    const unexpectedRevocations = [...sink.bySerial.keys()].filter(
      (s) => !plan.expectedRevocations.has(s),
    ).length;
    const repeatedRevocations = [...sink.bySerial.values()].reduce((n, ids) => n + ids.size - 1, 0);
    const appliedTwice = [...tally.acceptedAnswers.values()].filter((n) => n > 1).length;
    const lost = Math.max(plan.records - answered.size, plan.records - held, 0) + missingRevocations;
    const doubled =
      appliedTwice + Math.max(0, held - plan.records) + repeatedRevocations + unexpectedRevocations;
    const wallMs = Date.now() - started;
    return {
      sent: plan.records,
      accepted: held,
      duplicates: [...tally.duplicateAnswers.values()].reduce((n, c) => n + c, 0),
      lost,
      doubled,
      revocations: sink.bySerial.size,
      wallMs,
      peakRssBytes: process.resourceUsage().maxRSS * 1024 + centerPeakRss,
      revocationsExpected: plan.expectedRevocations.size,
      rejected: tally.rejected.size,
      reconciliationAgrees,
      restarts,
      requests: tally.requests,
      faults: tally.faults + sink.faults(),
      recordsPerSecond: Math.round(plan.records / (wallMs / 1000)),
    };
  } finally {
    await sender?.close().catch(() => {});
    await center?.stop();
    await sink.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
