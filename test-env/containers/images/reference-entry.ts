import { pathToFileURL } from 'node:url';
import { TekigoUsageError } from '../../../src/errors.ts';
import { referenceFor } from '../../../src/reference/registry.ts';

/**
 * The entry of the reference image: `--role R` chooses the reference, every other argument
 * (`--replica NAME`, `--test-mode`, `--port`, `--data-dir`, `--param`…) goes to its process.
 * Exit 2 with one JSON line on stderr when no role or an unknown one is given.
 */
export function splitRole(argv: readonly string[]): { role: string; rest: string[] } {
  const rest = [...argv];
  const at = rest.findIndex((a) => a === '--role' || a.startsWith('--role='));
  const given = at === -1 ? undefined : rest[at];
  const role = given?.startsWith('--role=') ? given.slice('--role='.length) : rest[at + 1];
  if (at === -1 || !role)
    throw new TekigoUsageError(
      'MISSING_ROLE',
      'no --role given; say which reference to run, e.g. --role national-center',
    );
  rest.splice(at, given?.includes('=') ? 1 : 2);
  return { role, rest };
}

async function main(): Promise<void> {
  const { role, rest } = splitRole(process.argv.slice(2));
  const entry = referenceFor(role).entry;
  // Compiled images run the .js beside each .ts source.
  const runnable = import.meta.url.endsWith('.js') ? entry.replace(/\.ts$/, '.js') : entry;
  process.argv = [process.argv[0] ?? 'node', runnable, ...rest];
  await import(pathToFileURL(runnable).href);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    const report =
      error instanceof TekigoUsageError ? error.toJSON() : { name: 'Error', message: String(error) };
    process.stderr.write(`${JSON.stringify({ event: 'failed', ...report })}\n`);
    process.exit(2);
  });
}
