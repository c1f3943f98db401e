import { environmentFor } from '../../conformance/environments.ts';
import { runConformance } from '../../conformance/run-conformance.ts';
import { TekigoUsageError } from '../../errors.ts';
import { ROLES } from '../../spec/roles.ts';
import { defineCommand } from '../command-definition.ts';
import { watchInterruption } from '../run-interruption.ts';
import { targetOfOptions } from '../target-options.ts';

export const run = defineCommand({
  name: 'run',
  summary: "Run a role's conformance suite against a target; writes report.json and junit.xml",
  args: [],
  options: {
    role: {
      type: 'string',
      valueName: 'role',
      required: true,
      choices: ROLES,
      description: 'the role under test',
    },
    target: {
      type: 'string',
      valueName: 'target',
      default: 'reference',
      description:
        'reference, replica:NAME (see tekigo replicas), or the URL of an implementation running in test mode',
    },
    launch: {
      type: 'string',
      valueName: 'command',
      description:
        'start your implementation with this shell command (placeholders {host} {port} {dataDir}; TEKIGO_TEST_MODE=1 is set), so crash, restart and log requirements are judged too',
    },
    'target-file': {
      type: 'string',
      valueName: 'file',
      description:
        'like --launch, from a YAML or JSON file: command, cwd, env, startTimeoutMs, logs, healthPath',
    },
    env: {
      type: 'string',
      valueName: 'env',
      default: 'embedded',
      description:
        'where tekigo runs the target and the parties it plays: embedded (local processes on 127.0.0.1); containers is planned',
    },
    'report-dir': {
      type: 'string',
      valueName: 'dir',
      description: 'where to write report.json and junit.xml (default reports/<role>/<target>)',
    },
    grep: {
      type: 'string',
      valueName: 'pattern',
      description:
        'run only the tests whose id or title matches this regular expression (e.g. CA-S01); none matching exits 2',
    },
    soak: {
      type: 'string',
      valueName: 'duration',
      description:
        'relay only: instead of the suite, run its mix for this long (90s, 10m, 1h) and print connections, memory and latency over time (a long local run, not for CI)',
    },
  },
  async run({ options, io }) {
    if (options.role === undefined) {
      throw new TekigoUsageError(
        'MISSING_ROLE',
        'tekigo run needs --role; e.g. tekigo run --role certification-authority --target reference',
      );
    }
    if (options.soak !== undefined) return runSoak(options.role, options.target, options.soak, io);
    // Refuses an unknown or not yet available environment with one line, before anything starts.
    const environment = environmentFor(options.env).name;
    if (options.grep !== undefined) {
      try {
        new RegExp(options.grep);
      } catch (error) {
        throw new TekigoUsageError(
          'BAD_GREP',
          `--grep ${JSON.stringify(options.grep)} is not a regular expression (${(error as Error).message}); fix the pattern`,
        );
      }
    }
    const target = targetOfOptions(options);
    const interruption = watchInterruption({ progress: io.stderr });
    try {
      const result = await runConformance({
        role: options.role,
        target,
        environment,
        ...(options['report-dir'] !== undefined ? { reportDir: options['report-dir'] } : {}),
        ...(options.grep !== undefined ? { grep: options.grep } : {}),
        progress: io.stderr,
        interruption,
      });
      return result.exitCode;
    } finally {
      interruption.dispose();
    }
  },
});

/** `--soak DURATION`: the relay suite's own long run (suites/relay/soak.ts), found by folder like the suites. */
async function runSoak(
  role: string,
  target: string | undefined,
  duration: string,
  io: { stdout(line: string): void },
): Promise<number> {
  if (role !== 'relay')
    throw new TekigoUsageError(
      'NO_SOAK',
      `--soak is defined for the relay only; drop it to run the ${role} suite`,
    );
  const soak = (await import(new URL('../../../suites/relay/soak.js', import.meta.url).href).catch(
    () => import(new URL('../../../suites/relay/soak.ts', import.meta.url).href),
  )) as typeof import('../../../suites/relay/soak.ts');
  return soak.runRelaySoak({
    target: target ?? 'reference',
    durationMs: soak.parseDuration(duration),
    everyMs: Math.min(30_000, Math.max(5_000, Math.round(soak.parseDuration(duration) / 20))),
    print: (line) => io.stdout(line),
  });
}
