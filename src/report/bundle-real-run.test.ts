import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reportSchemaProblems } from './report-schema.ts';
import { junitSchemaErrors, sarifSchemaErrors } from './schema-check-fixtures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** `tekigo <args>` from the sources, with the Node that runs the tests; never rejects. */
async function tekigo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [TSX, 'src/cli/main.ts', ...args],
      {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tekigo-real-run-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/**
 * Real runs of the certification-authority suite, on a selection of tests that between them use
 * most checks: the reports validate against their schemas, the bundle verifies, and rejudge
 * reproduces every verdict, for the reference and for an incident replica.
 */
describe.each([
  { target: 'reference', grep: 'CA-S0[1-5]|CA-D0[2389]|CA-D10|CA-V07', exit: 0 },
  { target: 'replica:ca-retry-forever', grep: 'CA-S01|CA-S05', exit: 1 },
])('tekigo run --bundle against $target', ({ target, grep, exit }) => {
  test('writes schema-valid reports and a bundle that verifies and rejudges to the same verdicts', async () => {
    const reportDir = join(work, target.replace(/\W+/g, '-'));
    const run = await tekigo(
      'run',
      '--role',
      'certification-authority',
      '--target',
      target,
      '--grep',
      grep,
      '--report-dir',
      reportDir,
      '--bundle',
    );
    expect(run.code, run.stderr).toBe(exit);
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8'));
    expect(reportSchemaProblems(report)).toEqual([]);
    expect(await junitSchemaErrors(await readFile(join(reportDir, 'junit.xml'), 'utf8'))).toEqual([]);
    expect(sarifSchemaErrors(JSON.parse(await readFile(join(reportDir, 'report.sarif'), 'utf8')))).toEqual(
      [],
    );
    if (exit === 1) expect(report.failedRequirements).toEqual(expect.arrayContaining(['GEN-SEND-006']));

    const verify = await tekigo('verify', join(reportDir, 'bundle'));
    expect(verify.code, verify.stdout).toBe(0);
    const rejudge = await tekigo('rejudge', join(reportDir, 'bundle'));
    expect(rejudge.code, rejudge.stdout).toBe(0);
    expect(rejudge.stdout).toMatch(/every verdict reproduced: \d+ tests/);
  }, 300_000);
});
