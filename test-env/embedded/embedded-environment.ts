import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ConformanceEnvironmentDriver,
  SecondInstance,
  StartedTarget,
  StartTargetRequest,
  TargetControl,
  TargetTls,
} from '../../src/conformance/environment.ts';
import { formatTarget } from '../../src/conformance/target-spec.ts';
import { TekigoUsageError } from '../../src/errors.ts';
import { startMock } from '../../src/mocks/mock-runtime.ts';
import { referenceFor } from '../../src/reference/registry.ts';
import { launchCommand } from './launch-command.ts';
import { freePort, launchParty, type StartedParty } from './launch-party.ts';

// A reference or replica compiles its TypeScript as it starts: on a machine running many jobs at
// once that alone has taken over 30 s, so tekigo's own parties get a minute.
const TARGET_START_TIMEOUT_MS = 60_000;

/** How a launched target is started again: the same command, port and data folder. */
type Launch = (options: {
  readonly testMode: boolean;
  readonly port: number;
  readonly dataDir: string;
  /** Replaces the request's TLS material (a second instance started with other material). */
  readonly tls?: TargetTls;
}) => Promise<StartedParty>;

/**
 * The one place that knows how each kind of target starts in the embedded environment.
 * A new kind of target is one more case here.
 */
function launcherFor(request: StartTargetRequest): Launch | null {
  const { target, role } = request;
  switch (target.kind) {
    case 'url':
      return null;
    case 'reference':
    case 'replica': {
      const reference = referenceFor(role);
      const replica = target.kind === 'replica' ? ['--replica', target.name] : [];
      return ({ testMode, port, dataDir, tls = request.tls }) =>
        launchParty({
          name: `${role} (${formatTarget(target)})${testMode ? '' : ' without test mode'}`,
          entry: reference.entry,
          // As the launch contract's default: a loaded machine may take a while to start a target.
          startTimeoutMs: TARGET_START_TIMEOUT_MS,
          ...(tls ? { env: tls.env } : {}),
          args: [
            '--port',
            String(port),
            '--data-dir',
            dataDir,
            ...(testMode ? ['--test-mode'] : []),
            ...replica,
          ],
        });
    }
    case 'launch':
      // A vendor's implementation, started as the test-mode launch contract says.
      return ({ testMode, port, dataDir, tls = request.tls }) =>
        launchCommand({
          name: `${role} (${formatTarget(target)})${testMode ? '' : ' without test mode'}`,
          launch: target.launch,
          port,
          dataDir,
          testMode,
          ...(tls ? { tls } : {}),
        });
    case 'image':
      throw new TekigoUsageError(
        'IMAGE_NEEDS_CONTAINERS',
        `--target ${formatTarget(target)} is a container image; run it with --env containers`,
      );
    default:
      return target satisfies never;
  }
}

/** A data folder for one target, under the run's data folder when there is one. */
function makeDataDir(dataRoot: string | undefined): Promise<string> {
  return mkdtemp(join(dataRoot ?? tmpdir(), 'tekigo-target-'));
}

async function removeDataDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Every party is a local child process on 127.0.0.1; mocks run in this process. */
export const embeddedEnvironment: ConformanceEnvironmentDriver = {
  name: 'embedded',
  startPeer: ({ role, validate, ledger }) => startMock({ role, validate, ...(ledger ? { ledger } : {}) }),
  async startTarget(request): Promise<StartedTarget> {
    const launch = launcherFor(request);
    if (request.target.kind === 'url' || launch === null) {
      const url = request.target.kind === 'url' ? request.target.url : '';
      return { url, control: null, stop: async () => {} };
    }
    // A fixed port and data folder, so that a restart brings back the same target.
    const port = await freePort();
    const dataDir = await makeDataDir(request.dataRoot);
    let party: StartedParty;
    try {
      // The production profile starts the target as in production: no test mode, its TLS material.
      party = await launch({ testMode: request.tls === undefined, port, dataDir });
    } catch (error) {
      await removeDataDir(dataDir);
      throw error;
    }
    const url = party.url;
    const exitedEarly = () =>
      Promise.race([party.exited.then(() => true), new Promise<false>((r) => setImmediate(() => r(false)))]);
    const control: TargetControl = {
      async crashAndRestart() {
        await party.kill('SIGKILL');
        party = await launch({ testMode: request.tls === undefined, port, dataDir });
      },
      pause: () => party.pause(),
      resume: () => party.resume(),
      isRunning: async () => !(await exitedEarly()),
      log: () => party.logs(),
      async startSecondInstance({ testMode, tls }): Promise<SecondInstance> {
        const otherDir = await makeDataDir(request.dataRoot);
        const port = await freePort();
        const other = await launch({ testMode, port, dataDir: otherDir, ...(tls ? { tls } : {}) }).catch(
          async (error: unknown) => {
            await removeDataDir(otherDir);
            throw error;
          },
        );
        return {
          url: other.url,
          async stop() {
            await other.stop();
            await removeDataDir(otherDir);
          },
        };
      },
    };
    return {
      url,
      control,
      async stop() {
        await party.stop();
        await removeDataDir(dataDir);
      },
    };
  },
};
