import { readFileSync } from 'node:fs';
import { TekigoError } from '../errors.ts';
import type { CliIo } from './command-definition.ts';
import { commands } from './commands/index.ts';
import { parseCommandLine } from './parse-command-line.ts';
import { readStandardInput } from './read-json-input.ts';
import { renderCommandHelp, renderHelp } from './render-help.ts';

export interface RunCliOptions {
  /** The spec folder commands work on; defaults to the `specs/` shipped with tekigo. */
  readonly specsDir?: string;
}

const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  stdin: readStandardInput,
};

/** tekigo's version, from the package.json beside src/. */
export function tekigoVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** `tekigo help [command]` reads as `tekigo [command] --help`. */
function helpWords(argv: readonly string[]): readonly string[] {
  return argv[0] === 'help' ? (argv.length === 1 ? ['--help'] : [...argv.slice(1), '--help']) : argv;
}

const oneLine = (text: string): string => text.replaceAll(/\s*\n\s*/g, ' ');

/**
 * Runs one tekigo command line and resolves to its exit code: 0 ok, 1 a finding, 2 a usage or
 * environment problem (reported as one line on stderr) or anything else that kept tekigo from
 * reaching a verdict.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo,
  options: RunCliOptions = {},
): Promise<number> {
  if (argv.length === 0) {
    for (const line of renderHelp(commands)) io.stderr(line);
    return 2;
  }
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout(`tekigo ${tekigoVersion()}`);
    return 0;
  }
  try {
    const parsed = parseCommandLine(helpWords(argv), commands);
    if (parsed.kind === 'help') {
      for (const line of parsed.command === null ? renderHelp(commands) : renderCommandHelp(parsed.command)) {
        io.stdout(line);
      }
      return 0;
    }
    const { command, args } = parsed;
    return await command.run({
      args,
      options: parsed.options as Parameters<typeof command.run>[0]['options'],
      io,
      specsDir: options.specsDir,
    });
  } catch (error) {
    if (error instanceof TekigoError) {
      io.stderr(`tekigo: ${oneLine(error.message)}`);
    } else {
      io.stderr(
        `tekigo: internal error: ${oneLine(String((error as Error)?.message ?? error))}. Please report it with the command line`,
      );
      if (error instanceof Error && error.stack !== undefined) io.stderr(error.stack);
    }
    return 2;
  }
}

/** Runs the process's command line; a reader that stops early (`tekigo list | head`) is not an error. */
export async function main(): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  process.exitCode = await runCli(process.argv.slice(2));
}

// Run only as the entry point (`tsx src/cli/main.ts`); bin/tekigo.js calls main, tests call runCli.
if (import.meta.main) await main();
