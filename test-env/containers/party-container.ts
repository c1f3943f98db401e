import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type Dockerode from 'dockerode';
import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { TekigoEnvironmentError } from '../../src/errors.ts';
import { describeProbe, LOOPBACK_HOST, probeHttp, type TransportProfile } from '../../src/transport/index.ts';
import { freePort } from '../embedded/launch-party.ts';
import type { ContainerRun } from './container-run.ts';
import { PARTY_PORT } from './tekigo-image.ts';

const MAX_LOG_LINES = 2_000;
/** How many of its last output lines a party that did not start is reported with. */
const EXIT_TAIL_LINES = 5;

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
  /** Files put into the container before it starts (owned by root, so readable by every user: mode 0644 by default). */
  readonly files?: readonly { readonly content: string; readonly target: string; readonly mode?: number }[];
  /**
   * The party serves https with mutual TLS (the production profile): it is published on a
   * loopback port of the host, fixed for its life, and reached at `https://127.0.0.1:<port>`, the
   * address the test PKI's certificates name; readiness is probed presenting this profile.
   */
  readonly tls?: TransportProfile;
}

/** A party in its own container on the run's network, reached at its address on that network. */
export interface PartyContainer {
  /**
   * `http://<address on the run's network>:<port>` (with `tls`: `https://127.0.0.1:<host port>`);
   * the same after a restart or a partition.
   */
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
  const hostPort = options.tls ? await freePort() : undefined;
  // What it printed while starting: why it exited, when it refuses to start (testcontainers removes it then).
  const startOutput: string[] = [];
  let started: StartedTestContainer;
  try {
    let container = new PartyImage(options.image)
      .withNetworkMode(network)
      .withLabels(run.labels(options.labels))
      .withLogConsumer((stream) => {
        stream.on('data', (chunk: string | Buffer) => {
          startOutput.push(
            ...String(chunk)
              .split('\n')
              .filter((line) => line.trim() !== ''),
          );
          startOutput.splice(0, Math.max(0, startOutput.length - EXIT_TAIL_LINES));
        });
        stream.on('error', () => {});
      })
      .withEnvironment({ ...options.env })
      .withStartupTimeout(timeoutMs)
      .withWaitStrategy(
        options.healthPath === undefined
          ? Wait.forLogMessage(/"event":"listening"/)
          : // No port is published, so this returns at once; readiness is the health answer below.
            Wait.forListeningPorts(),
      );
    if (options.command) container = container.withCommand([...options.command]);
    if (options.files?.length)
      container = container.withCopyContentToContainer(
        options.files.map((f) => ({ content: f.content, target: f.target, mode: f.mode ?? 0o644 })),
      );
    if (hostPort !== undefined) container = container.publishOnLoopback(port, hostPort);
    started = await container.start();
  } catch (error) {
    await sleep(50);
    if (startOutput.length > 0)
      throw new TekigoEnvironmentError(
        'PARTY_NOT_READY',
        `${options.name} (image ${options.image}) did not become ready (${firstLine(error)}); last output: ${startOutput.join(' | ')}`,
        { image: options.image },
        { cause: error },
      );
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
  const url = hostPort === undefined ? `http://${address}:${port}` : `https://${LOOPBACK_HOST}:${hostPort}`;
  const lines: string[] = [];
  let stopFollowing = await followLogs(docker, container, '0', lines);
  let restartedBySelf = false;

  const exited = async () => !(await container.inspect()).State.Running;
  const ready = () =>
    waitHealthy(url, options.healthPath ?? '/health', timeoutMs, options.name, options.tls, {
      exited,
      tail: () => lines.slice(-EXIT_TAIL_LINES).join(' | '),
    });
  // A party of tekigo's serving TLS is ready once it prints its listening line, as when embedded:
  // what it then answers over TLS is for the suite to judge (a replica with made-up credentials).
  const listeningIsReady = options.tls !== undefined && options.healthPath === undefined;
  if (!listeningIsReady)
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

/**
 * Polls `GET url+path` until it answers 200, as the launch contract's readiness says; fails at
 * once when the container has exited (a party that refuses to start).
 */
async function waitHealthy(
  url: string,
  path: string,
  timeoutMs: number,
  name: string,
  profile: TransportProfile | undefined,
  container: { exited(): Promise<boolean>; tail(): string },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const probe = await probeHttp(`${url}${path}`, { timeoutMs: 1_000, ...(profile ? { profile } : {}) });
    if (probe.kind === 'answered' && probe.answer.status === 200) return;
    last = describeProbe(probe);
    if (await container.exited().catch(() => true))
      throw new TekigoEnvironmentError(
        'PARTY_EXITED',
        `${name} exited before ${path} answered 200 (last: ${last}); last output: ${container.tail() || 'none'}`,
      );
    await sleep(100);
  }
  throw new TekigoEnvironmentError(
    'PARTY_START_TIMEOUT',
    `${name} did not answer 200 on ${path} within ${timeoutMs} ms (${last})`,
  );
}

/** A container whose published port binds to the host's loopback only. */
class PartyImage extends GenericContainer {
  publishOnLoopback(containerPort: number, hostPort: number): this {
    const key = `${containerPort}/tcp`;
    this.createOpts.ExposedPorts = { ...this.createOpts.ExposedPorts, [key]: {} };
    this.hostConfig.PortBindings = {
      ...this.hostConfig.PortBindings,
      [key]: [{ HostIp: LOOPBACK_HOST, HostPort: String(hostPort) }],
    };
    return this;
  }
}

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
