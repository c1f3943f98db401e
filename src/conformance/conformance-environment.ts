import { createSutClient, type SutClient } from '../client/sut-client.ts';
import { TekigoEnvironmentError } from '../errors.ts';
import { Ledger } from '../evidence/ledger.ts';
import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { MockHandle } from '../mocks/mock-runtime.ts';
import type { TestEvidence } from '../report/report-model.ts';
import { loadSpec, type Spec } from '../spec/load-spec.ts';
import type {
  ConformanceEnvironmentDriver,
  SecondInstance,
  StartedTarget,
  TargetControl,
} from './environment.ts';
import { environmentFor } from './environments.ts';
import { type Capabilities, preflight } from './preflight.ts';
import type { SecurityFixture } from './profiles/security/production-environment.ts';
import { DEFAULT_RUN_CONTEXT, type RunContext } from './run-context.ts';
import type { TargetSpec } from './target-spec.ts';

export interface ConformanceEnvironmentOptions {
  readonly role: string;
  /** The parties tekigo plays for this role, each as a mock endpoint. */
  readonly peers: readonly string[];
  /** The target and environment of this run (default: the reference, embedded). */
  readonly run?: RunContext;
}

/** Where each ledger stood when a test began, so its evidence is exactly what it caused. */
export type LedgerMarks = Readonly<Record<string, number>>;

export type { Capabilities } from './preflight.ts';

export interface StartedConformanceEnvironment {
  readonly role: string;
  readonly target: TargetSpec;
  readonly targetUrl: string;
  readonly environment: ConformanceEnvironmentDriver['name'];
  /**
   * Crash, restart, pause and log access for a target the environment started; null for a
   * target tekigo only reaches at a URL (tests that need it are then not applicable).
   */
  readonly control: TargetControl | null;
  readonly spec: Spec;
  readonly sut: SutClient;
  readonly ledger: Ledger;
  /** The capabilities the target declared in preflight. */
  readonly capabilities: Capabilities;
  /** The production profile only: the run's test PKI and clients holding its certificates. */
  readonly security?: SecurityFixture;
  mock(peer: string): MockHandle;
  /** Starts another mock playing `role`, recording into the suite's ledger; the test stops it. */
  startPeer(role: string): Promise<MockHandle>;
  /** A client the suite uses to query a mock as a peer would (recorded in the suite's ledger). */
  peer(peer: string): SutClient;
  reset(): Promise<void>;
  mark(): Promise<LedgerMarks>;
  evidenceSince(marks: LedgerMarks): Promise<TestEvidence>;
  stop(): Promise<void>;
}

/**
 * Starts the mocks and the target in the run's environment, checks the target in preflight and
 * points it at the mocks. The run's target and environment arrive as data (`options.run`).
 */
export async function startConformanceEnvironment(
  options: ConformanceEnvironmentOptions,
): Promise<StartedConformanceEnvironment> {
  const spec = await loadSpec();
  const ledger = new Ledger();
  const run = options.run ?? DEFAULT_RUN_CONTEXT;
  const environment = environmentFor(run.environment);
  const target = run.target;
  const mocks = new Map<string, MockHandle>();
  let started: StartedTarget | null = null;
  const stopAll = async () => {
    await Promise.allSettled([...mocks.values()].map((m) => m.stop()));
    await started?.stop();
  };
  try {
    for (const peer of options.peers)
      mocks.set(peer, await environment.startPeer({ role: peer, validate: spec.validate }));
    started = await environment.startTarget({
      role: options.role,
      target,
      ...(run.dataRoot ? { dataRoot: run.dataRoot } : {}),
    });
    const targetUrl = started.url;
    const launched = started.control;
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
    const control: TargetControl | null = launched && {
      ...launched,
      async crashAndRestart() {
        await launched.crashAndRestart();
        const health = await sut.get('/health', { interface: 'health' });
        if (health.status !== 200) {
          throw new TekigoEnvironmentError(
            'RESTART_FAILED',
            `${targetUrl} answered ${health.status ?? 'nothing'} to /health after a restart`,
          );
        }
      },
      startSecondInstance: (o): Promise<SecondInstance> => launched.startSecondInstance(o),
    };
    return {
      role: options.role,
      target,
      targetUrl,
      environment: environment.name,
      control,
      spec,
      sut,
      ledger,
      capabilities,
      mock: mockOf,
      startPeer: (role) => environment.startPeer({ role, validate: spec.validate, ledger }),
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
