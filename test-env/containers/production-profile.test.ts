import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { engineAvailable } from './docker-engine.ts';
import { ensureImages } from './ensure-images.ts';
import { imageName } from './tekigo-image.ts';

// Needs a container engine: skipped locally when none answers, failed in CI (TEKIGO_REQUIRE_CONTAINERS=1).
const required = process.env.TEKIGO_REQUIRE_CONTAINERS === '1';
const engine = required || (await engineAvailable());

let dir: string;

/** `tekigo run --profile production --env containers`: the exit code and each test's verdict. */
async function run(...argv: string[]) {
  const reportDir = await mkdtemp(join(dir, 'report-'));
  const stderr: string[] = [];
  const code = await runCli(
    ['run', '--profile', 'production', '--env', 'containers', '--report-dir', reportDir, ...argv],
    { stdout: () => {}, stderr: (l) => stderr.push(l) },
  );
  const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8')) as {
    tests: { id: string; verdict: string; message: string }[];
  };
  const verdicts = Object.fromEntries(
    report.tests.filter((t) => /-A\d\d$/.test(t.id)).map((t) => [t.id, t.verdict]),
  );
  return { code, verdicts, stderr };
}

describe.skipIf(!engine)('the production profile in containers', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tekigo-production-containers-'));
    await ensureImages();
  }, 600_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('the national-center reference passes every production test that applies to it', async () => {
    const { code, verdicts } = await run('--role', 'national-center', '--target', 'reference');
    expect(verdicts).toEqual(
      Object.fromEntries(
        ['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10'].map((n) => [
          `NC-${n}`,
          'pass',
        ]),
      ),
    );
    expect(code).toBe(0);
  });

  test('an image under the launch contract gets its material, and refuses to start without its key', async () => {
    // tekigo's reference image is started as a vendor's would be: TEKIGO_* variables only.
    const { code, verdicts } = await run(
      '--role',
      'national-center',
      '--target',
      `image:${imageName('reference')}`,
      '--grep',
      'NC-A0[18]',
    );
    expect(verdicts).toMatchObject({ 'NC-A01': 'pass', 'NC-A08': 'pass' });
    expect(code).toBe(0);
  });

  test('a replica that trusts any server is caught calling the mock peer on the gateway', async () => {
    const { code, verdicts } = await run(
      '--role',
      'national-center',
      '--target',
      'replica:nc-trusts-any-server',
      '--grep',
      'NC-A10',
    );
    expect(verdicts).toMatchObject({ 'NC-A10': 'fail' });
    expect(code).toBe(1);
  });
});
