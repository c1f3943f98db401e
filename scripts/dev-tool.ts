/** Runs the command line tools the spec tooling tests use, from this repository's devDependencies. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));

/** The script of a package's command (`@stoplight/spectral-cli`, `spectral`). */
export function toolScript(packageName: string, command: string): string {
  const packageJson = createRequire(import.meta.url).resolve(`${packageName}/package.json`);
  const { bin } = JSON.parse(readFileSync(packageJson, 'utf8')) as { bin: string | Record<string, string> };
  const script = typeof bin === 'string' ? bin : bin[command];
  if (script === undefined) throw new Error(`${packageName} has no ${command} command`);
  return join(dirname(packageJson), script);
}

export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a package's command with this Node and resolves with its exit code and output. */
export async function runTool(
  packageName: string,
  command: string,
  args: readonly string[],
  cwd = repositoryRoot,
): Promise<ToolResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [toolScript(packageName, command), ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === 'number' ? code : 1, stdout: stdout ?? '', stderr: stderr ?? '' };
  }
}
