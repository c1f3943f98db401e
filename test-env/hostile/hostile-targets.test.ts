/**
 * The hostile-target battery: tekigo run against targets that misbehave. Every case ends with
 * exit 2 and one line naming the cause (no stack trace, no "internal error"), a report written
 * where one can be, and no process left behind. Most cases run the CLI in this process (a crash
 * of the kind that ended tekigo with exit 13 shows here as a run that never settles); the
 * `as a process` cases run it as a child process, exactly as a user does.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type HostileServer,
  type HttpBehaviour,
  startHttpHostile,
  startTcpHostile,
} from './hostile-servers.ts';

// Read when the preflight module loads: keeps the slow cases short.
process.env.TEKIGO_PREFLIGHT_TIMEOUT_MS = '1500';
const { runCli } = await import('../../src/cli/main.ts');

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'src/cli/main.ts');
const scratch = mkdtempSync(path.join(tmpdir(), 'tekigo-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly lines: readonly string[];
  readonly reportDir: string;
}

let runs = 0;
async function tekigoRun(args: readonly string[], options: { reportDir?: string } = {}): Promise<CliRun> {
  const reportDir = options.reportDir ?? path.join(scratch, `run-${++runs}`);
  const lines: string[] = [];
  const code = await runCli(
    ['run', '--role', 'certification-authority', '--report-dir', reportDir, ...args],
    { stdout: (line) => lines.push(line), stderr: (line) => lines.push(line) },
  );
  return { code, signal: null, lines, reportDir };
}

/** `tekigo run` as a child process. */
async function tekigoProcess(
  args: readonly string[],
  options: { reportDir?: string; onLine?: (line: string, pid: number) => void } = {},
): Promise<CliRun> {
  const reportDir = options.reportDir ?? path.join(scratch, `run-${++runs}`);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'run', '--role', 'certification-authority', '--report-dir', reportDir, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, TEKIGO_PREFLIGHT_TIMEOUT_MS: '1500' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let partial = '';
  const collect = (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      options.onLine?.(line, child.pid as number);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('close', (c, s) => resolve([c, s])),
  );
  if (partial) lines.push(partial);
  return { code, signal, lines, reportDir };
}

/** The last line: the one that names the cause. */
function causeLine(run: CliRun): string {
  const line = run.lines.filter((l) => l.trim() !== '').at(-1) ?? '';
  expect(run.lines.join('\n')).not.toMatch(/internal error|^\s+at /m);
  return line;
}

function reportOf(run: CliRun): {
  aborted?: { code: string; evidence: { ledgers: Record<string, unknown[]> } };
  coverage?: { total: number };
} {
  const file = path.join(run.reportDir, 'report.json');
  expect(existsSync(file), `${file} was written`).toBe(true);
  expect(existsSync(path.join(run.reportDir, 'junit.xml'))).toBe(true);
  return JSON.parse(readFileSync(file, 'utf8'));
}

const pgrep = async (pattern: string): Promise<string> => {
  const child = spawn('pgrep', ['-f', pattern], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  await new Promise((resolve) => child.once('close', resolve));
  return out.trim();
};

async function withServer<T>(start: Promise<HostileServer>, body: (server: HostileServer) => Promise<T>) {
  const server = await start;
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

/** Starting the CLI as a process takes seconds on a loaded machine. */
const PROCESS_TIMEOUT_MS = 90_000;

const PREFLIGHT_CASES: readonly [HttpBehaviour, string, RegExp][] = [
  ['huge-health', 'CAPABILITIES_NOT_JSON', /\/conformance\/capabilities answered 200 \(text\/plain\) "x{10}/],
  ['health-503', 'TARGET_UNHEALTHY', /\/health answered 503 .*start the target and check its logs/],
  ['no-upper-tester', 'NO_UPPER_TESTER', /\/conformance\/capabilities answered 404 .*TEKIGO_TEST_MODE=1/],
  [
    'slow-drip',
    'CAPABILITIES_INCOMPLETE',
    /capabilities answered 200 but the body did not complete .*slow or stalled body/,
  ],
  ['not-json', 'CAPABILITIES_NOT_JSON', /send the capabilities as a JSON object/],
  [
    'wrong-content-type',
    'CAPABILITIES_NOT_JSON',
    /send it with content-type application\/json \(it came as text\/plain\)/,
  ],
  ['invalid-capabilities', 'INVALID_CAPABILITIES', /declares invalid capabilities/],
  [
    'absurd-capabilities',
    'ABSURD_CAPABILITIES',
    /retry\.maxBackoffMs 10 below retry\.initialBackoffMs 60000/,
  ],
  ['hang', 'TARGET_UNHEALTHY', /\/health gave no answer \(no complete answer within 1500 ms\)/],
];

describe.concurrent('hostile targets at a URL', () => {
  for (const [behaviour, code, cause] of PREFLIGHT_CASES) {
    it(`${behaviour}: exit 2, one line naming the cause, the exchange kept in the report`, async () => {
      await withServer(startHttpHostile(behaviour), async (server) => {
        const run = await tekigoRun(['--target', server.url]);
        expect(run.code).toBe(2);
        expect(causeLine(run)).toMatch(cause);
        const report = reportOf(run);
        expect(report.aborted?.code).toBe(code);
        expect(report.aborted?.evidence.ledgers.suite?.length).toBeGreaterThan(0);
        expect(report.coverage?.total).toBeGreaterThan(100);
      });
    });
  }

  it('garbage instead of HTTP: exit 2, one line saying so', async () => {
    await withServer(startTcpHostile('garbage'), async (server) => {
      const run = await tekigoRun(['--target', server.url]);
      expect(run.code).toBe(2);
      expect(causeLine(run)).toMatch(/\/health answered bytes that are not HTTP\/1\.1 \(HPE_/);
      expect(reportOf(run).aborted?.code).toBe('TARGET_NOT_HTTP');
    });
  });

  it('huge-health as a process: exit 2 and one line, where tekigo once ended with exit 13 and nothing', {
    timeout: PROCESS_TIMEOUT_MS,
  }, async () => {
    await withServer(startHttpHostile('huge-health'), async (server) => {
      const run = await tekigoProcess(['--target', server.url]);
      expect(run.code).toBe(2);
      expect(causeLine(run)).toMatch(/\/conformance\/capabilities answered 200 \(text\/plain\)/);
      expect(reportOf(run).aborted?.code).toBe('CAPABILITIES_NOT_JSON');
    });
  });

  it('a reset on every connection: exit 2, one line naming the reset', async () => {
    await withServer(startTcpHostile('reset'), async (server) => {
      const run = await tekigoRun(['--target', server.url]);
      expect(run.code).toBe(2);
      expect(causeLine(run)).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/health \(ECONNRESET/);
      expect(reportOf(run).aborted?.code).toBe('TARGET_UNREACHABLE');
    });
  });

  it('a port fetch refuses (6000, 5060, 10080) is reached like any other', async () => {
    let server: HostileServer | undefined;
    for (const port of [6000, 5060, 10080, 6665]) {
      server = await startHttpHostile('no-upper-tester', port).catch(() => undefined);
      if (server) break;
    }
    if (!server) throw new Error('none of the fetch-refused ports is free on this machine');
    await withServer(Promise.resolve(server), async ({ url }) => {
      const run = await tekigoRun(['--target', url]);
      expect(run.code).toBe(2);
      // It got as far as the upper tester: the port itself was no obstacle.
      expect(causeLine(run)).toMatch(/\/conformance\/capabilities answered 404/);
      expect(run.lines.join('\n')).not.toContain('bad port');
    });
  });
});

describe.concurrent('unusable report folders are found before the run', () => {
  it.each([
    ['a file', (file: string) => file, /it is a file, not a folder \(EEXIST\)/],
    ['under a file', (file: string) => path.join(file, 'reports'), /a part of the path is a file/],
  ])('%s: exit 2 with one line, before any test', async (_name, dirOf, cause) => {
    const file = path.join(scratch, `a-file-${Math.random().toString(36).slice(2)}`);
    writeFileSync(file, '');
    const run = await tekigoRun(['--target', 'reference'], { reportDir: dirOf(file) });
    expect(run.code).toBe(2);
    expect(causeLine(run)).toMatch(cause);
    expect(run.lines.some((l) => l.includes('suite against'))).toBe(false);
  });
});

describe.concurrent('launched targets that do not come up', () => {
  it('a command that exits at once, as a process: exit 2, its exit code and stderr on one line, a report, nothing left', {
    timeout: PROCESS_TIMEOUT_MS,
  }, async () => {
    const marker = `tekigo-hostile-exit-${process.pid}`;
    const run = await tekigoProcess(['--launch', `echo ${marker} cannot open config >&2; exit 7`]);
    expect(run.code).toBe(2);
    expect(causeLine(run)).toMatch(new RegExp(`exited with code 7 .*${marker} cannot open config`));
    expect(reportOf(run).aborted?.code).toBe('LAUNCH_FAILED');
    expect(await pgrep(marker)).toBe('');
  });

  it('a target file whose command never answers /health: killed after startTimeoutMs, nothing left', async () => {
    const marker = `tekigo-hostile-silent-${process.pid}`;
    const file = path.join(scratch, 'silent-target.yaml');
    writeFileSync(
      file,
      `command: ["${process.execPath}", "-e", "setInterval(() => {}, 1000) // ${marker}"]\nstartTimeoutMs: 800\n`,
    );
    const run = await tekigoRun(['--target-file', file]);
    expect(run.code).toBe(2);
    expect(causeLine(run)).toMatch(/gave no 200 on GET http:\/\/127\.0\.0\.1:\d+\/health within 800 ms/);
    expect(reportOf(run).aborted?.code).toBe('LAUNCH_TIMEOUT');
    expect(await pgrep(marker)).toBe('');
  });

  it('a target file that does not follow the schema: exit 2 with one line naming the field', async () => {
    const file = path.join(scratch, 'bad-target.yaml');
    writeFileSync(file, 'command: node server.js\nstartTimeout: 5\n');
    const run = await tekigoRun(['--target-file', file]);
    expect(run.code).toBe(2);
    expect(causeLine(run)).toMatch(/is not a valid target file: \/ has unknown field startTimeout/);
  });
});
