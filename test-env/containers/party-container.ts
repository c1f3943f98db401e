import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type Dockerode from 'dockerode';
import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { TekigoEnvironmentError } from '../../src/errors.ts';
import type { ContainerRun } from './container-run.ts';
import { PARTY_PORT } from './tekigo-image.ts';

const MAX_LOG_LINES = 2_000;

export interface PartyContainerOptions {
  readonly run: ContainerRun;
  /** For messages: "national-center (replica:nc-lost-card-batch)". */
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** The port the party listens on in its container (default 8080). */
  readonly port?: number;
  /** Ready when this path answers 200 (default: when the listening line of the process contract is printed). */
  readonly healthPath?: string;
  readonly startTimeoutMs?: number;
  readonly labels?: Readonly<Record<string, string>>;
}

/** A party in its own container on the run's network, reached at its address on that network. */
export interface PartyContainer {
  /** `http://<address on the run's network>:<port>`; the same after a restart or a partition. */
  readonly url: string;
  readonly id: string;
  /** SIGKILL, then the same container (same file system, address and port) started again, ready. */
  crashAndRestart(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Cut from the run's network: nothing reaches it and it reaches nothing. */
  partition(): Promise<void>;
  /** Back on the run's network, at the same address. */
  heal(): Promise<void>;
  isRunning(): Promise<boolean>;
  /** Its stdout and stderr lines, restarts included, oldest first (the last 2 000). */
  logs(): readonly string[];
  stop(): Promise<void>;
}

export async function startPartyContainer(options: PartyContainerOptions): Promise<PartyContainer> {
  const { run } = options;
  const port = options.port ?? PARTY_PORT;
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const network = run.network.name;
  let started: StartedTestContainer;
  try {
    let container = new GenericContainer(options.image)
      .withNetworkMode(network)
      .withLabels(run.labels(options.labels))
      .withEnvironment({ ...options.env })
      .withStartupTimeout(timeoutMs)
      .withWaitStrategy(
        options.healthPath === undefined
          ? Wait.forLogMessage(/"event":"listening"/)
          : // No port is published, so this returns at once; readiness is the health answer below.
            Wait.forListeningPorts(),
      );
    if (options.command) container = container.withCommand([...options.command]);
    started = await container.start();
  } catch (error) {
    throw new TekigoEnvironmentError(
      'CONTAINER_START_FAILED',
      `cannot start ${options.name} from image ${options.image}: ${firstLine(error)}; run tekigo env build-images for tekigo's images, or check the image name`,
      { image: options.image },
      { cause: error },
    );
  }
  const docker = run.docker;
  const container = docker.getContainer(started.getId());
  const address = started.getIpAddress(network);
  const url = `http://${address}:${port}`;
  const lines: string[] = [];
  let stopFollowing = await followLogs(docker, container, '0', lines);
  let restartedBySelf = false;

  const ready = () => waitHealthy(url, options.healthPath ?? '/health', timeoutMs, options.name);
  await ready().catch(async (error: unknown) => {
    stopFollowing();
    await container.remove({ force: true, v: true }).catch(() => {});
    throw error;
  });
  const currentAddress = async () =>
    ((await container.inspect()).NetworkSettings.Networks[network]?.IPAddress ?? '') as string;
  const sameAddress = async (after: string) => {
    const now = await currentAddress();
    if (now !== address)
      throw new TekigoEnvironmentError(
        'ADDRESS_CHANGED',
        `${options.name} came back at ${now || 'no address'} instead of ${address} after ${after}; another container took its address on ${network}`,
      );
  };

  return {
    url,
    id: started.getId(),
    async crashAndRestart() {
      await container.kill({ signal: 'SIGKILL' });
      await container.wait();
      stopFollowing();
      const since = (Date.now() / 1000).toFixed(3);
      await container.start();
      stopFollowing = await followLogs(docker, container, since, lines);
      await sameAddress('a restart');
      await ready();
    },
    pause: () => container.pause(),
    resume: () => container.unpause(),
    async partition() {
      await docker.getNetwork(run.network.id).disconnect({ Container: container.id, Force: true });
    },
    async heal() {
      await docker.getNetwork(run.network.id).connect({ Container: container.id });
      await sameAddress('a partition');
    },
    async isRunning() {
      const state = (await container.inspect()).State;
      restartedBySelf ||= state.Restarting;
      return state.Running && !restartedBySelf;
    },
    logs: () => lines,
    async stop() {
      stopFollowing();
      // SIGTERM, then SIGKILL 5 s later, as the launch contract says; then the container goes.
      await container.stop({ t: 5 }).catch(() => {});
      await container.remove({ force: true, v: true }).catch(() => {});
    },
  };
}

/** Appends the container's log lines (since a UNIX time) to `lines`; returns how to stop following. */
async function followLogs(
  docker: Dockerode,
  container: Dockerode.Container,
  since: string,
  lines: string[],
): Promise<() => void> {
  const stream = (await container.logs({
    follow: true,
    stdout: true,
    stderr: true,
    since: since as unknown as number,
  })) as NodeJS.ReadableStream & { destroy(): void };
  const out = new PassThrough();
  docker.modem.demuxStream(stream, out, out);
  let partial = '';
  out.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line.replace(/\r$/, ''));
      if (lines.length > MAX_LOG_LINES) lines.shift();
    }
  });
  stream.on('error', () => {});
  return () => stream.destroy();
}

/** Polls `GET url+path` until it answers 200, as the launch contract's readiness says. */
async function waitHealthy(url: string, path: string, timeoutMs: number, name: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const answer = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(1_000) });
      await answer.body?.cancel();
      if (answer.status === 200) return;
      last = `status ${answer.status}`;
    } catch (error) {
      last = firstLine(error);
    }
    await sleep(100);
  }
  throw new TekigoEnvironmentError(
    'PARTY_START_TIMEOUT',
    `${name} did not answer 200 on ${path} within ${timeoutMs} ms (${last})`,
  );
}

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
