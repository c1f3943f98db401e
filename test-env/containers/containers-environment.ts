import { readFile } from 'node:fs/promises';
import type {
  ConformanceEnvironmentDriver,
  SecondInstance,
  StartedTarget,
  StartTargetRequest,
  TargetControl,
  TargetTls,
} from '../../src/conformance/environment.ts';
import { DEFAULT_HEALTH_PATH, formatTarget } from '../../src/conformance/target-spec.ts';
import { TekigoUsageError } from '../../src/errors.ts';
import { connectMock } from '../../src/mocks/connect-mock.ts';
import { type MockHandle, startMock } from '../../src/mocks/mock-runtime.ts';
import { referenceFor } from '../../src/reference/registry.ts';
import { TLS_ENV } from '../../src/security/tls-material.ts';
import { embeddedEnvironment } from '../embedded/embedded-environment.ts';
import type { ContainerRun } from './container-run.ts';
import type { PartyContainer, PartyContainerOptions } from './party-container.ts';
import { imageName, PARTY_PORT } from './tekigo-image.ts';

// testcontainers takes a second to load: only runs in containers pay for it.
const containerRun = async () => (await import('./container-run.ts')).containerRun();
const startPartyContainer = async (options: PartyContainerOptions) =>
  (await import('./party-container.ts')).startPartyContainer(options);

/** How a target container is started with or without test mode, and with its TLS material (the production profile). */
type Launch = (run: ContainerRun, testMode: boolean, tls?: TargetTls) => Promise<PartyContainer>;

/** Where a target's TLS material is put in its container. */
const TLS_DIR = '/run/tekigo-tls';

/**
 * The production profile in a container: the files TEKIGO_TLS_CERT, TEKIGO_TLS_KEY and
 * TEKIGO_TLS_CA name on the host are copied into the container and the variables name the
 * copies; the others (TEKIGO_PEERS) are passed as they are. A variable left out stays out.
 */
async function containerTls(
  tls: TargetTls | undefined,
): Promise<Pick<PartyContainerOptions, 'env' | 'files' | 'tls'>> {
  if (tls === undefined) return {};
  const env: Record<string, string> = { ...tls.env };
  const files: { content: string; target: string }[] = [];
  for (const [part, name] of Object.entries(TLS_ENV)) {
    const file = tls.env[name];
    if (file === undefined || file === '') continue;
    const target = `${TLS_DIR}/${part}.pem`;
    files.push({ content: await readFile(file, 'utf8'), target });
    env[name] = target;
  }
  return { env, files, tls: tls.probe };
}

/**
 * The one place that knows how each kind of target starts as a container: the reference and
 * its replicas from tekigo's reference image, a vendor's image under the launch contract.
 */
function launcherFor(request: StartTargetRequest): Launch | null {
  const { target, role } = request;
  const name = (testMode: boolean) =>
    `${role} (${formatTarget(target)})${testMode ? '' : ' without test mode'}`;
  switch (target.kind) {
    case 'url':
      return null;
    case 'reference':
    case 'replica': {
      referenceFor(role);
      const replica = target.kind === 'replica' ? ['--replica', target.name] : [];
      return async (run, testMode, tls = request.tls) =>
        startPartyContainer({
          run,
          name: name(testMode),
          image: imageName('reference'),
          command: ['--role', role, ...(testMode ? ['--test-mode'] : []), ...replica],
          labels: { 'io.tekigo.party': role },
          ...(await containerTls(tls)),
        });
    }
    case 'image':
      // The launch contract, in a container: its variables, a fixed port, /data kept across restarts.
      return async (run, testMode, tls = request.tls) => {
        const material = await containerTls(tls);
        return startPartyContainer({
          run,
          name: name(testMode),
          image: target.image,
          ...material,
          env: {
            ...(testMode ? { TEKIGO_TEST_MODE: '1' } : {}),
            TEKIGO_HOST: '0.0.0.0',
            TEKIGO_PORT: String(PARTY_PORT),
            TEKIGO_DATA_DIR: '/data',
            ...material.env,
          },
          healthPath: DEFAULT_HEALTH_PATH,
          labels: { 'io.tekigo.party': role },
        });
      };
    case 'launch':
      throw new TekigoUsageError(
        'LAUNCH_NEEDS_EMBEDDED',
        `${formatTarget(target)} is a local command; run it with --env embedded, or give its image with --target image:NAME[:TAG]`,
      );
    default:
      return target satisfies never;
  }
}

/** A mock in the tekigo-mock image, reached through its control API. */
async function startMockContainer(run: ContainerRun, role: string): Promise<MockHandle> {
  const party = await startPartyContainer({
    run,
    name: `the ${role} mock`,
    image: imageName('mock'),
    command: ['--role', role],
    labels: { 'io.tekigo.party': `mock:${role}` },
  });
  const handle = connectMock(party.url, role);
  return {
    ...handle,
    async stop() {
      await handle.stop();
      await party.stop();
    },
  };
}

/**
 * Every party in its own container on one user-defined network; URLs are the parties' addresses
 * on it, which the host and every container reach alike. A mock that must record into the
 * suite's ledger runs in this process, listening on the network's gateway address.
 */
export const containersEnvironment: ConformanceEnvironmentDriver = {
  name: 'containers',
  async startPeer({ role, validate, ledger }) {
    const run = await containerRun();
    if (ledger === undefined) return startMockContainer(run, role);
    return startMock({ role, validate, ledger, host: run.network.gateway });
  },
  async inProcessPeerHost() {
    return (await containerRun()).network.gateway;
  },
  async startTarget(request): Promise<StartedTarget> {
    const launch = launcherFor(request);
    // A URL target is reached as it is, whatever the environment.
    if (launch === null) return embeddedEnvironment.startTarget(request);
    const run = await containerRun();
    // The production profile starts the target as in production: no test mode, its TLS material.
    const party = await launch(run, request.tls === undefined);
    const control: TargetControl = {
      crashAndRestart: () => party.crashAndRestart(),
      pause: () => party.pause(),
      resume: () => party.resume(),
      partition: () => party.partition(),
      heal: () => party.heal(),
      isRunning: () => party.isRunning(),
      log: () => party.logs(),
      async startSecondInstance({ testMode, tls }): Promise<SecondInstance> {
        const other = await launch(run, testMode, tls ?? request.tls);
        return { url: other.url, stop: () => other.stop() };
      },
    };
    return { url: party.url, control, stop: () => party.stop() };
  },
};
