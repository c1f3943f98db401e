import { environmentFor } from '../../conformance/environments.ts';
import { runConformance } from '../../conformance/run-conformance.ts';
import { TekigoUsageError } from '../../errors.ts';
import { langOption, resolveLang } from '../../i18n/lang.ts';
import { ROLES } from '../../spec/roles.ts';
import { defineCommand } from '../command-definition.ts';
import { watchInterruption } from '../run-interruption.ts';
import { targetOfOptions } from '../target-options.ts';

export const run = defineCommand({
  name: 'run',
  summary: "Run a role's conformance suite against a target; writes report.json, junit.xml and report.html",
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
        'reference, replica:NAME (see tekigo replicas), image:NAME[:TAG] (your image, with --env containers), or the URL of an implementation running in test mode',
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
        'where tekigo runs the target and the parties it plays: embedded (local processes on 127.0.0.1) or containers (every party in a container; tekigo env build-images first)',
    },
    'report-dir': {
      type: 'string',
      valueName: 'dir',
      description: 'where to write report.json, junit.xml and report.html (default reports/<role>/<target>)',
    },
    grep: {
      type: 'string',
      valueName: 'pattern',
      description:
        'run only the tests whose id or title matches this regular expression (e.g. CA-S01); none matching exits 2',
    },
    lang: langOption,
  },
  async run({ options, io }) {
    if (options.role === undefined) {
      throw new TekigoUsageError(
        'MISSING_ROLE',
        'tekigo run needs --role; e.g. tekigo run --role certification-authority --target reference',
      );
    }
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
        lang: resolveLang(options.lang),
        interruption,
      });
      return result.exitCode;
    } finally {
      interruption.dispose();
    }
  },
});
