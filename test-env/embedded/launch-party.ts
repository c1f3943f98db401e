/**
 * The embedded environment: every party tekigo launches is a Node child process on a
 * 127.0.0.1 ephemeral port, following the process contract in src/README.md. No Docker.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { TekigoEnvironmentError } from '../../src/errors.ts';

export interface LaunchPartyOptions {
  /** Used in messages and as the log file name. */
  readonly name: string;
  /** Path of the party's entry: TypeScript runs through tsx (its compiled `.js` in an installed copy). */
  readonly entry: string;
  /** Node options, before the entry (e.g. `MOCK_NODE_FLAGS`); `restart()` reuses them. */
  readonly nodeArgs?: readonly string[];
  /**
   * Passed after the entry. `restart()` reuses them unchanged: with `--port 0` a restarted
   * party gets a new port and URL; pass a fixed port (see `freePort`) to keep the URL.
   */
  readonly args?: readonly string[];
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** How long to wait for the listening line. Default 15 000 ms. */
  readonly startTimeoutMs?: number;
  /** When set, stdout and stderr lines are appended to `<logDir>/<name>.log` (restarts included). */
  readonly logDir?: string;
}

export interface PartyExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface StartedParty {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Settles once the process has exited and its output is read. */
  readonly exited: Promise<PartyExit>;
  /** The last stdout and stderr lines, in arrival order (at most 2 000). */
  logs(): readonly string[];
  /** Sends `signal` (default SIGKILL: an abrupt crash) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<PartyExit>;
  /** SIGTERM, then SIGKILL if the party has not exited within 5 s. */
  stop(): Promise<PartyExit>;
  /** Stops the party and launches it again with the same options. */
  restart(): Promise<StartedParty>;
  /** SIGSTOP: the process and its sockets freeze; connections stay open. */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
}

const DEFAULT_START_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;
const MAX_LOG_LINES = 2_000;
const STDERR_TAIL_LINES = 20;

/**
 * The node arguments that run a party's entry. A TypeScript entry runs through the tsx loader,
 * except in an installed copy of tekigo: Node refuses TypeScript below node_modules, so there the
 * compiled `.js` beside the entry (written by `npm run build`) runs with plain Node.
 */
function entryArgs(entry: string, cwd = '.'): string[] {
  if (!entry.endsWith('.ts')) return [entry];
  const compiled = path.resolve(cwd, `${entry.slice(0, -'.ts'.length)}.js`);
  if (compiled.split(path.sep).includes('node_modules') && existsSync(compiled)) return [compiled];
  // Resolved from this file, not from the party's cwd, so a party can run from any folder.
  return ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, entry];
}

const running = new Set<ChildProcess>();
let cleanupInstalled = false;

/** Launches a party and resolves once it has printed its listening line. */
export async function launchParty(options: LaunchPartyOptions): Promise<StartedParty> {
  installCleanup();
  const args = options.args ?? [];
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...entryArgs(options.entry, options.cwd), ...args],
    {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: false,
    },
  );
  running.add(child);
  const exited = new Promise<PartyExit>((resolve) => {
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });

  const lines: string[] = [];
  const stderrTail: string[] = [];
  const logFile = options.logDir ? openLog(options.logDir, options.name) : undefined;
  const keep = (buffer: string[], line: string, max: number) => {
    buffer.push(line);
    if (buffer.length > max) buffer.shift();
  };
  createInterface({ input: child.stderr }).on('line', (line) => {
    keep(lines, line, MAX_LOG_LINES);
    keep(stderrTail, line, STDERR_TAIL_LINES);
    logFile?.write(`${line}\n`);
  });
  const listening = new Promise<string>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      keep(lines, line, MAX_LOG_LINES);
      logFile?.write(`${line}\n`);
      const url = listeningUrl(line);
      if (url) resolve(url);
    });
  });
  void exited.then(() => logFile?.end());

  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const describe = `party "${options.name}" (${[options.entry, ...args].join(' ')})`;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    listening.then((url) => ({ kind: 'listening' as const, url })),
    exited.then((exit) => ({ kind: 'exited' as const, exit })),
    new Promise<{ kind: 'spawn-error'; error: Error }>((resolve) =>
      child.once('error', (error) => resolve({ kind: 'spawn-error', error })),
    ),
    new Promise<{ kind: 'timeout' }>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout' }), startTimeoutMs);
    }),
  ]);
  clearTimeout(timer);
  const tail = () =>
    stderrTail.length > 0 ? `Last stderr lines:\n${stderrTail.join('\n')}` : 'It wrote nothing to stderr.';
  switch (outcome.kind) {
    case 'listening':
      break;
    case 'exited':
      throw new TekigoEnvironmentError(
        'PARTY_EXITED',
        `The ${describe} exited (code ${outcome.exit.code}, signal ${outcome.exit.signal}) before it printed ` +
          `its listening line. ${tail()}\nRun the entry by hand with the same arguments to see why.`,
        { name: options.name, entry: options.entry, args, ...outcome.exit, stderrTail: [...stderrTail] },
      );
    case 'spawn-error':
      child.kill('SIGKILL');
      throw new TekigoEnvironmentError(
        'PARTY_SPAWN_FAILED',
        `Could not start the ${describe} with ${process.execPath}: ${outcome.error.message}.`,
        { name: options.name, entry: options.entry, args },
        { cause: outcome.error },
      );
    case 'timeout':
      child.kill('SIGKILL');
      await exited;
      throw new TekigoEnvironmentError(
        'PARTY_START_TIMEOUT',
        `The ${describe} did not print {"event":"listening","url":...} on stdout within ${startTimeoutMs} ms, ` +
          `so it was killed. ${tail()}\nCheck that it follows the process contract in src/README.md, ` +
          'or raise startTimeoutMs on a slow machine.',
        { name: options.name, entry: options.entry, args, startTimeoutMs, stderrTail: [...stderrTail] },
      );
  }

  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<PartyExit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const stop = async (): Promise<PartyExit> => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill('SIGTERM');
    // A paused party cannot handle SIGTERM until it runs again.
    child.kill('SIGCONT');
    let grace: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      exited,
      new Promise<null>((resolve) => {
        grace = setTimeout(() => resolve(null), STOP_GRACE_MS);
      }),
    ]);
    clearTimeout(grace);
    return exit ?? kill('SIGKILL');
  };
  return {
    name: options.name,
    url: outcome.url,
    pid: child.pid as number,
    exited,
    logs: () => [...lines],
    kill,
    stop,
    restart: async () => {
      await stop();
      return launchParty(options);
    },
    pause: () => {
      child.kill('SIGSTOP');
    },
    resume: () => {
      child.kill('SIGCONT');
    },
  };
}

/**
 * A port that was free a moment ago on 127.0.0.1, for a party whose URL must survive a
 * restart. Another process may take it in between; use it at once.
 */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function listeningUrl(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const event: unknown = JSON.parse(line);
    if (typeof event !== 'object' || event === null) return undefined;
    const { event: name, url } = event as Record<string, unknown>;
    return name === 'listening' && typeof url === 'string' ? url : undefined;
  } catch {
    return undefined;
  }
}

function openLog(logDir: string, name: string) {
  mkdirSync(logDir, { recursive: true });
  return createWriteStream(path.join(logDir, `${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.log`), {
    flags: 'a',
  });
}

/**
 * Children must not outlive the suite. A parent killed with SIGKILL cannot clean up; its
 * children keep running until they are stopped by hand.
 */
function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const killAll = () => {
    for (const child of running) child.kill('SIGKILL');
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      // Nobody else listens: re-raise so the default handling still ends this process.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}
