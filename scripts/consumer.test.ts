/**
 * tekigo as a vendor uses it: packed with `npm pack`, installed from the tarball into a scratch
 * project, run there with `npx tekigo`, and imported from plain Node and from a strict NodeNext
 * TypeScript project. Needs `npm run build` first (`npm test` runs it) and the npm registry or
 * a warm npm cache for tekigo's dependencies.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repositoryRoot, toolScript } from './dev-tool.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tekigo-consumer-'));
const project = join(scratch, 'project');
// The Node running this test (the project's pinned Node) first on PATH, for npm, npx and tekigo.
const env = {
  ...process.env,
  PATH: [dirname(process.execPath), process.env.PATH].join(delimiter),
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  NO_COLOR: '1',
};

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(command: string, args: readonly string[], cwd: string): Promise<Outcome> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      cwd,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === 'number' ? code : 1, stdout: stdout ?? '', stderr: stderr ?? '' };
  }
}

const npm = (args: readonly string[], cwd: string) => run('npm', args, cwd);

beforeAll(async () => {
  if (!existsSync(join(repositoryRoot, 'src', 'index.js'))) {
    throw new Error('tekigo is not built: run npm run build (npm test does) before this test');
  }
  const packed = await npm(
    ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch],
    repositoryRoot,
  );
  expect(packed.code, packed.stderr).toBe(0);
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'vendor-project', private: true, type: 'module' }, null, 2)}\n`,
  );
  const installed = await npm(['install', '--prefer-offline', join(scratch, filename)], project);
  expect(installed.code, installed.stderr).toBe(0);
}, 600_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('tekigo installed from its tarball into another project', () => {
  test('ships no unit test, fixture or TypeScript source without its compiled module', () => {
    const installed = join(project, 'node_modules', 'tekigo');
    expect(existsSync(join(installed, 'LICENSE'))).toBe(true);
    expect(existsSync(join(installed, 'src', 'cli', 'main.test.ts'))).toBe(false);
    expect(existsSync(join(installed, 'src', 'spec', 'fixtures'))).toBe(false);
    expect(existsSync(join(installed, 'src', 'index.js'))).toBe(true);
    expect(existsSync(join(installed, 'src', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(installed, 'specs', 'bundled', 'certification-authority.yaml'))).toBe(true);
  });

  test('npx tekigo run --role certification-authority --target reference passes', async () => {
    const result = await run(
      'npx',
      [
        '--no-install',
        'tekigo',
        'run',
        '--role',
        'certification-authority',
        '--target',
        'reference',
        '--report-dir',
        'out',
      ],
      project,
    );
    expect(result.code, result.stderr.split('\n').slice(-20).join('\n')).toBe(0);
    const report = JSON.parse(readFileSync(join(project, 'out', 'report.json'), 'utf8')) as {
      verdict: string;
      summary: { passed: number };
    };
    expect(report.verdict).toBe('pass');
    expect(report.summary.passed).toBeGreaterThan(0);
  }, 600_000);

  test('plain Node imports the public API', async () => {
    const script = [
      "import { loadSpec, ROLES, runCli, TekigoError } from 'tekigo';",
      'const spec = await loadSpec();',
      "const health = { status: 'up', role: 'relay', implementation: { name: 'x', version: '1' }, time: '2025-04-01T10:00:00+09:00' };",
      "console.log(JSON.stringify({ roles: ROLES.length, valid: spec.validate('health/health', health).valid, runCli: typeof runCli, error: typeof TekigoError }));",
    ].join('\n');
    const result = await run(process.execPath, ['--input-type=module', '-e', script], project);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      roles: 5,
      valid: true,
      runCli: 'function',
      error: 'function',
    });
  }, 120_000);

  test('a strict NodeNext TypeScript project type-checks against the declarations', async () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          types: ['node'],
          typeRoots: [join(repositoryRoot, 'node_modules', '@types')],
        },
        files: ['check.ts'],
      }),
    );
    writeFileSync(
      join(project, 'check.ts'),
      [
        "import { loadSpec, type RunReport, type Spec, runConformance, TekigoUsageError } from 'tekigo';",
        'const spec: Spec = await loadSpec();',
        "const outcome: boolean = spec.validate('health/health', {}).valid;",
        'const verdict: (report: RunReport) => string = (report) => report.verdict;',
        'const run: typeof runConformance = runConformance;',
        "export const checked = [outcome, verdict, run, new TekigoUsageError('X', 'y')];",
        '',
      ].join('\n'),
    );
    const result = await run(
      process.execPath,
      [toolScript('typescript', 'tsc'), '-p', 'tsconfig.json'],
      project,
    );
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 120_000);
});
