/**
 * A vendor's implementation as tekigo launches it: the test-mode launch contract (specs/).
 * The command runs in its own process group, so a crash (SIGKILL), a pause (SIGSTOP) and the
 * final stop reach every process it started. Ready once GET {healthPath} answers 200.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  DEFAULT_HEALTH_PATH,
  DEFAULT_START_TIMEOUT_MS,
  type LaunchSpec,
} from '../../src/conformance/target-spec.ts';
import { TekigoEnvironmentError } from '../../src/errors.ts';
import {
  describeProbe,
  LOOPBACK_HOST,
  type ProbeResult,
  probeHttp,
  type TransportProfile,
} from '../../src/transport/index.ts';
import { freePort, type PartyExit, type StartedParty } from './launch-party.ts';

export interface LaunchCommandOptions {
  /** Used in messages. */
  readonly name: string;
  readonly launch: Omit<LaunchSpec, 'source' | 'startTimeoutMs' | 'logs' | 'healthPath'> &
    Partial<Pick<LaunchSpec, 'source' | 'startTimeoutMs' | 'logs' | 'healthPath'>>;
  /** Fixed for the handle's life, restarts included. Default: a free port. */
  readonly port?: number;
  /**
   * The implementation's durable state, kept across restarts. Default: a new folder that `stop()`
   * removes; a folder passed in is left to the caller.
   */
  readonly dataDir?: string;
  /** `TEKIGO_TEST_MODE=1` is set unless this is false (a production start, for GEN-UT-002). */
  readonly testMode?: boolean;
  /** The production profile: TEKIGO_TLS_* naming its material, and the profile readiness is probed with. */
  readonly tls?: LaunchTls;
}

/** How a target is started in the production profile (specs/README.md "Production profile"). */
export interface LaunchTls {
  /** TEKIGO_TLS_CERT, TEKIGO_TLS_KEY and TEKIGO_TLS_CA: the files of its material. */
  readonly env: Readonly<Record<string, string>>;
  /** What tekigo presents when it probes the target's health. */
  readonly probe: TransportProfile;
}

const STOP_GRACE_MS = 5_000;
const MAX_LOG_LINES = 2_000;
const STDERR_TAIL_LINES = 5;
const HEALTH_POLL_MS = 100;
const HEALTH_ATTEMPT_MS = 2_000;

const running = new Set<number>();
/** Data folders this module made: removed on stop, and on the way out if the process is ended first. */
const ownedDataDirs = new Set<string>();
let cleanupInstalled = false;

/** Starts the command and resolves once its health path answers 200; the same handle as `launchParty`. */
export async function launchCommand(options: LaunchCommandOptions): Promise<StartedParty> {
  installCleanup();
  const port = options.port ?? (await freePort());
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tekigo-data-'));
  if (ownsDataDir) ownedDataDirs.add(dataDir);
  try {
    return await start(options, port, dataDir, ownsDataDir);
  } catch (error) {
    if (ownsDataDir) removeDataDir(dataDir);
    throw error;
  }
}

async function start(
  options: LaunchCommandOptions,
  port: number,
  dataDir: string,
  ownsDataDir: boolean,
): Promise<StartedParty> {
  const { launch } = options;
  const values: Record<string, string> = { host: LOOPBACK_HOST, port: String(port), dataDir };
  const substitute = (s: string) =>
    s.replace(/\{(host|port|dataDir)\}/g, (_, key: string) => values[key] ?? '');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...launch.env,
    TEKIGO_HOST: LOOPBACK_HOST,
    TEKIGO_PORT: String(port),
    TEKIGO_DATA_DIR: dataDir,
    ...options.tls?.env,
  };
  if (options.testMode === false) delete env.TEKIGO_TEST_MODE;
  else env.TEKIGO_TEST_MODE = '1';
  const cwd = launch.cwd ?? process.cwd();
  const logFile =
    launch.logs && launch.logs !== 'stdout' ? path.resolve(cwd, substitute(launch.logs.file)) : undefined;
  const logOffset = logFile && existsSync(logFile) ? statSync(logFile).size : 0;

  const command = launch.command;
  const described = typeof command === 'string' ? command : command.join(' ');
  const child: ChildProcess =
    typeof command === 'string'
      ? spawn('/bin/sh', ['-c', substitute(command)], {
          cwd,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        })
      : spawn(substitute(command[0] as string), command.slice(1).map(substitute), {
          cwd,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const pid = child.pid;
  if (pid !== undefined) running.add(pid);
  const exited = new Promise<PartyExit>((resolve) => {
    child.once('close', (code, signal) => {
      if (pid !== undefined) running.delete(pid);
      resolve({ code, signal });
    });
    child.once('error', () => {
      if (pid !== undefined) running.delete(pid);
      resolve({ code: null, signal: null });
    });
  });

  const lines: string[] = [];
  const stderrTail: string[] = [];
  const keep = (buffer: string[], line: string, max: number) => {
    buffer.push(line);
    if (buffer.length > max) buffer.shift();
  };
  if (child.stdout)
    createInterface({ input: child.stdout }).on('line', (line) => keep(lines, line, MAX_LOG_LINES));
  if (child.stderr)
    createInterface({ input: child.stderr }).on('line', (line) => {
      keep(stderrTail, line, STDERR_TAIL_LINES);
      // Log lines go to stdout (or the declared file); stderr is kept with them for diagnosis.
      if (!logFile) keep(lines, line, MAX_LOG_LINES);
    });
  const fileLog = logFile ? tailFile(logFile, logOffset) : undefined;

  const alive = () => child.exitCode === null && child.signalCode === null && pid !== undefined;
  const signalGroup = (signal: NodeJS.Signals) => {
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<PartyExit> => {
    if (alive()) signalGroup(signal);
    const exit = await exited;
    // A child that left the shell behind still belongs to the group: a crash takes it too.
    if (signal === 'SIGKILL') signalGroup('SIGKILL');
    return exit;
  };
  const terminate = async (): Promise<PartyExit> => {
    if (!alive()) {
      signalGroup('SIGKILL');
      return exited;
    }
    signalGroup('SIGTERM');
    // A paused implementation cannot handle SIGTERM until it runs again.
    signalGroup('SIGCONT');
    let grace: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      exited,
      new Promise<null>((resolve) => {
        grace = setTimeout(() => resolve(null), STOP_GRACE_MS);
      }),
    ]);
    clearTimeout(grace);
    signalGroup('SIGKILL');
    return exit ?? exited;
  };

  const healthPath = launch.healthPath ?? DEFAULT_HEALTH_PATH;
  const url = `${options.tls ? 'https' : 'http'}://${LOOPBACK_HOST}:${port}`;
  const startTimeoutMs = launch.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const ready = await waitUntilHealthy(
    `${url}${healthPath}`,
    startTimeoutMs,
    exited,
    spawnError,
    options.tls?.probe,
  );
  if (ready.kind !== 'healthy') {
    await kill('SIGKILL');
    const tail =
      stderrTail.length > 0 ? `; last stderr: ${stderrTail.join(' | ')}` : '; it wrote nothing to stderr';
    const what =
      ready.kind === 'exited'
        ? `exited with ${ready.exit.signal ? `signal ${ready.exit.signal}` : `code ${ready.exit.code}`} before GET ${healthPath} answered 200${tail}`
        : ready.kind === 'spawn-error'
          ? `could not be started (${ready.error.message})`
          : `gave no 200 on GET ${url}${healthPath} within ${startTimeoutMs} ms (last: ${ready.last ? describeProbe(ready.last) : 'no attempt'})${tail}`;
    throw new TekigoEnvironmentError(
      ready.kind === 'timeout' ? 'LAUNCH_TIMEOUT' : 'LAUNCH_FAILED',
      `${options.name}: ${JSON.stringify(described)} ${what}; check the command, that it listens on {port} (TEKIGO_PORT) and serves ${healthPath}, or raise startTimeoutMs`,
      { command: described, port, stderrTail: [...stderrTail] },
    );
  }

  return {
    name: options.name,
    url,
    pid: pid as number,
    exited,
    logs: () => {
      if (fileLog) for (const line of fileLog.read()) keep(lines, line, MAX_LOG_LINES);
      return [...lines];
    },
    kill,
    stop: async () => {
      const exit = await terminate();
      fileLog?.close();
      if (ownsDataDir) removeDataDir(dataDir);
      return exit;
    },
    restart: async () => {
      await terminate();
      fileLog?.close();
      return start(options, port, dataDir, ownsDataDir);
    },
    pause: () => signalGroup('SIGSTOP'),
    resume: () => signalGroup('SIGCONT'),
  };
}

type Readiness =
  | { kind: 'healthy' }
  | { kind: 'exited'; exit: PartyExit }
  | { kind: 'spawn-error'; error: Error }
  | { kind: 'timeout'; last: ProbeResult | undefined };

async function waitUntilHealthy(
  url: string,
  timeoutMs: number,
  exited: Promise<PartyExit>,
  spawnError: Promise<Error>,
  profile?: TransportProfile,
): Promise<Readiness> {
  const deadline = performance.now() + timeoutMs;
  let settled: Readiness | undefined;
  void exited.then((exit) => {
    settled ??= { kind: 'exited', exit };
  });
  void spawnError.then((error) => {
    settled = { kind: 'spawn-error', error };
  });
  let last: ProbeResult | undefined;
  while (settled === undefined) {
    const left = deadline - performance.now();
    if (left <= 0) return { kind: 'timeout', last };
    last = await probeHttp(url, {
      timeoutMs: Math.min(HEALTH_ATTEMPT_MS, Math.max(1, left)),
      ...(profile ? { profile } : {}),
    });
    if (last.kind === 'answered' && last.answer.status === 200) return { kind: 'healthy' };
    if (settled !== undefined) break;
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(HEALTH_POLL_MS, Math.max(0, deadline - performance.now()))),
    );
  }
  return settled;
}

/** Reads lines appended to a file since `offset`, on demand, so a caller always sees what is there now. */
function tailFile(file: string, offset: number) {
  let position = offset;
  let partial = '';
  let closed = false;
  return {
    read(): string[] {
      if (closed || !existsSync(file)) return [];
      const fd = openSync(file, 'r');
      try {
        const size = fstatSync(fd).size;
        if (size < position) position = 0;
        if (size === position) return [];
        const buffer = Buffer.alloc(size - position);
        readSync(fd, buffer, 0, buffer.length, position);
        position = size;
        const text = partial + buffer.toString('utf8');
        const parts = text.split('\n');
        partial = parts.pop() ?? '';
        return parts.map((l) => l.replace(/\r$/, ''));
      } finally {
        closeSync(fd);
      }
    },
    close() {
      closed = true;
    },
  };
}

function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
  ownedDataDirs.delete(dataDir);
}

/** No process group outlives tekigo: on exit, and on SIGINT/SIGTERM, every launched group is killed. */
function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const killAll = () => {
    for (const pid of running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    for (const dataDir of ownedDataDirs) {
      try {
        rmSync(dataDir, { recursive: true, force: true });
      } catch {
        // Best effort on the way out.
      }
    }
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}
