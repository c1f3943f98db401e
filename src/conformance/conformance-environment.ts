import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, launchParty, type StartedParty } from '../../test-env/embedded/index.ts';
import { launchCommand } from '../../test-env/embedded/launch-command.ts';
import { createSutClient, type SutClient } from '../client/sut-client.ts';
import { TekigoEnvironmentError } from '../errors.ts';
import { Ledger } from '../evidence/ledger.ts';
import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import { type MockHandle, startMock } from '../mocks/mock-runtime.ts';
import { referenceFor } from '../reference/registry.ts';
import type { TestEvidence } from '../report/report-model.ts';
import { loadSpec, type Spec } from '../spec/load-spec.ts';
import { type Capabilities, preflight } from './preflight.ts';
import { formatTarget, type TargetSpec, targetFromEnvironment } from './target-spec.ts';

export interface ConformanceEnvironmentOptions {
  readonly role: string;
  /** The parties tekigo plays for this role, each as a mock endpoint. */
  readonly peers: readonly string[];
}

/** Where each ledger stood when a test began, so its evidence is exactly what it caused. */
export type LedgerMarks = Readonly<Record<string, number>>;

export type { Capabilities } from './preflight.ts';

export interface StartedConformanceEnvironment {
  readonly role: string;
  readonly target: TargetSpec;
  readonly targetUrl: string;
  /** The target process when tekigo launched it (reference or replica), so tests can crash or pause it. */
  readonly party: StartedParty | null;
  /**
   * Crashes the launched target (SIGKILL) and starts it again on the same port and data folder,
   * resolving once it answers its health check. Tests of durability are not applicable to a
   * target tekigo did not launch.
   */
  crashAndRestart(): Promise<void>;
  /**
   * Starts a second instance of the launched target without test mode (its own port and data
   * folder), for GEN-UT-002; the caller stops it. Null when tekigo did not launch the target.
   */
  launchWithoutTestMode(): Promise<StartedParty> | null;
  readonly spec: Spec;
  readonly sut: SutClient;
  readonly ledger: Ledger;
  /** The capabilities the target declared in preflight. */
  readonly capabilities: Capabilities;
  mock(peer: string): MockHandle;
  /** A client the suite uses to query a mock as a peer would (recorded in the suite's ledger). */
  peer(peer: string): SutClient;
  reset(): Promise<void>;
  mark(): Promise<LedgerMarks>;
  evidenceSince(marks: LedgerMarks): Promise<TestEvidence>;
  stop(): Promise<void>;
}

/**
 * The target comes from the environment so that `tekigo run` and a plain `vitest run` share one
 * path: `TEKIGO_TARGET_URL` (an implementation already running), else `TEKIGO_TARGET`
 * (`reference`, the default, or `replica:NAME`), which tekigo launches on loopback.
 */
export async function startConformanceEnvironment(
  options: ConformanceEnvironmentOptions,
): Promise<StartedConformanceEnvironment> {
  const spec = await loadSpec();
  const ledger = new Ledger();
  const target = targetFromEnvironment();
  const mocks = new Map<string, MockHandle>();
  let party: StartedParty | null = null;
  let dataDir: string | null = null;
  const stopAll = async () => {
    await Promise.allSettled([...mocks.values()].map((m) => m.stop()));
    await party?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    for (const peer of options.peers)
      mocks.set(peer, await startMock({ role: peer, validate: spec.validate }));
    let targetUrl: string;
    if (target.kind === 'url') {
      targetUrl = target.url;
    } else if (target.kind === 'launch') {
      // A vendor's implementation, started as the test-mode launch contract says; its port and
      // data folder (removed on stop, kept across restarts) belong to the launch.
      party = await launchCommand({
        name: `${options.role} (${formatTarget(target)})`,
        launch: target.launch,
      });
      targetUrl = party.url;
    } else {
      const reference = referenceFor(options.role);
      // A fixed port and data folder, so that crashAndRestart brings back the same target.
      dataDir = await mkdtemp(join(tmpdir(), 'tekigo-target-'));
      party = await launchParty({
        name: `${options.role} (${formatTarget(target)})`,
        entry: reference.entry,
        args: [
          '--port',
          String(await freePort()),
          '--data-dir',
          dataDir,
          '--test-mode',
          ...(target.kind === 'replica' ? ['--replica', target.name] : []),
        ],
      });
      targetUrl = party.url;
    }
    const sut = createSutClient({ baseUrl: targetUrl, ledger, validate: spec.validate, timeoutMs: 10_000 });
    const capabilities = await preflight(sut, spec, options.role, targetUrl);
    const peers = Object.fromEntries([...mocks].map(([name, mock]) => [name, { baseUrl: mock.url }]));
    const configured = await sut.request({
      method: 'PUT',
      path: '/conformance/peers',
      body: { peers },
      interface: 'upper-tester',
      requestType: 'upper-tester/peers',
    });
    if (configured.status !== 204 && configured.status !== 200) {
      throw new TekigoEnvironmentError(
        'PEERS_NOT_ACCEPTED',
        `${targetUrl} refused PUT /conformance/peers with ${configured.status}; the target must accept tekigo's mock peers in test mode`,
      );
    }
    const resettable = capabilities.features?.reset === true;
    const peerClients = new Map<string, SutClient>();
    const mockOf = (peer: string): MockHandle => {
      const mock = mocks.get(peer);
      if (!mock)
        throw new TekigoEnvironmentError(
          'UNKNOWN_PEER',
          `no mock plays ${peer} in this suite; declare it in conformanceSuite({ peers })`,
        );
      return mock;
    };
    const ledgerOf = async (name: string): Promise<readonly LedgerEntry[]> =>
      name === 'suite' ? ledger.entries() : (mocks.get(name)?.ledgerEntries() ?? Promise.resolve([]));
    return {
      role: options.role,
      target,
      targetUrl,
      get party() {
        return party;
      },
      spec,
      sut,
      ledger,
      capabilities,
      mock: mockOf,
      async crashAndRestart() {
        if (!party)
          throw new TekigoEnvironmentError(
            'TARGET_NOT_LAUNCHED',
            `tekigo did not launch ${targetUrl}, so it cannot crash and restart it`,
          );
        await party.kill('SIGKILL');
        party = await party.restart();
        const health = await sut.get('/health', { interface: 'health' });
        if (health.status !== 200) {
          throw new TekigoEnvironmentError(
            'RESTART_FAILED',
            `${targetUrl} answered ${health.status ?? 'nothing'} to /health after a restart`,
          );
        }
      },
      launchWithoutTestMode() {
        if (!party) return null;
        if (target.kind === 'launch')
          return launchCommand({
            name: `${options.role} without test mode`,
            launch: target.launch,
            testMode: false,
          });
        return launchParty({
          name: `${options.role} without test mode`,
          entry: referenceFor(options.role).entry,
          args: ['--port', '0', ...(target.kind === 'replica' ? ['--replica', target.name] : [])],
        });
      },
      peer(peer) {
        let client = peerClients.get(peer);
        if (!client) {
          client = createSutClient({
            baseUrl: mockOf(peer).url,
            ledger,
            validate: spec.validate,
            timeoutMs: 10_000,
            to: peer,
          });
          peerClients.set(peer, client);
        }
        return client;
      },
      async reset() {
        // Without a reset on the target, mocks keep their state too, so both sides still agree.
        if (!resettable) return;
        const answer = await sut.request({
          method: 'POST',
          path: '/conformance/reset',
          interface: 'upper-tester',
        });
        if (answer.status !== 204 && answer.status !== 200) {
          throw new TekigoEnvironmentError(
            'RESET_FAILED',
            `${targetUrl} answered ${answer.status} to POST /conformance/reset`,
          );
        }
        await Promise.all([...mocks.values()].map((m) => m.reset()));
      },
      async mark() {
        const marks: Record<string, number> = {};
        for (const name of ['suite', ...mocks.keys()]) marks[name] = lastSeq(await ledgerOf(name));
        return marks;
      },
      async evidenceSince(marks) {
        const ledgers: Record<string, readonly LedgerEntry[]> = {};
        for (const name of Object.keys(marks)) {
          const since = marks[name] ?? 0;
          ledgers[name] = (await ledgerOf(name)).filter((e) => e.seq > since);
        }
        return { ledgers };
      },
      async stop() {
        // The clients hold keep-alive sockets to the target and the mocks; release them first.
        await Promise.allSettled([sut.close(), ...[...peerClients.values()].map((c) => c.close())]);
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

const lastSeq = (entries: readonly LedgerEntry[]): number => entries.at(-1)?.seq ?? 0;
