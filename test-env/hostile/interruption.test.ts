/**
 * The signal path of `tekigo run`: SIGTERM (or SIGINT) stops the run, every process it launched
 * is gone afterwards, a partial report is written and the exit code is 143 (130). The signal is
 * sent once the first verdict is printed, so the run is surely under way: no timing guess.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'tekigo-signal-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every process below `root`, by parent pid. */
function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone while we looked.
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parentOf) {
      if (parent === pid) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(root);
  return found;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

describe('tekigo run under a signal', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    '%s stops the run: exit %i, a partial report, no process left',
    { timeout: 180_000 },
    async (signal, exitCode) => {
      const reportDir = path.join(scratch, signal);
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'run',
          '--role',
          'certification-authority',
          '--launch',
          'node --import tsx src/reference/certification-authority/main.ts --port {port} --data-dir {dataDir}',
          '--grep',
          'crash|durab|reset',
          '--report-dir',
          reportDir,
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const lines: string[] = [];
      let tree: number[] = [];
      let sent = false;
      const onData = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          lines.push(line);
          // A verdict line: the suite, its target and its mocks are all running now.
          if (!sent && /^\s+[✓✗!?-] /.test(line)) {
            sent = true;
            tree = descendants(child.pid as number);
            child.kill(signal);
          }
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      expect(sent, lines.join('\n')).toBe(true);
      expect(code, lines.join('\n')).toBe(exitCode);
      expect(lines.some((l) => l.includes(`tekigo: ${signal} received`))).toBe(true);
      expect(tree.length).toBeGreaterThan(0);
      await expect.poll(() => tree.filter(alive), { timeout: 5_000 }).toEqual([]);
      expect(existsSync(path.join(reportDir, 'report.json'))).toBe(true);
      const report = JSON.parse(readFileSync(path.join(reportDir, 'report.json'), 'utf8'));
      expect(report.aborted.code).toBe('INTERRUPTED');
      expect(report.tests.length).toBeGreaterThan(0);
    },
  );

  it('the end of the process that started it (npx ends on SIGTERM without passing it on) stops the run too', {
    timeout: 180_000,
  }, async () => {
    const reportDir = path.join(scratch, 'orphaned');
    // A shell that does not exec its command, as npm exec starts a bin: killing it orphans tekigo.
    const shell = spawn(
      '/bin/sh',
      [
        '-c',
        `"${process.execPath}" --import tsx src/cli/main.ts run --role certification-authority --grep "crash|durab|reset" --report-dir "${reportDir}"; true`,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const lines: string[] = [];
    let tree: number[] = [];
    const firstVerdict = new Promise<void>((resolve) => {
      const onData = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          lines.push(line);
          if (/^\s+[✓✗!?-] /.test(line)) resolve();
        }
      };
      shell.stdout.on('data', onData);
      shell.stderr.on('data', onData);
    });
    await firstVerdict;
    tree = descendants(shell.pid as number);
    shell.kill('SIGKILL');
    await expect.poll(() => tree.filter(alive), { timeout: 60_000, interval: 250 }).toEqual([]);
    const report = JSON.parse(readFileSync(path.join(reportDir, 'report.json'), 'utf8'));
    expect(report.aborted.code, lines.join('\n')).toBe('INTERRUPTED');
  });
});
