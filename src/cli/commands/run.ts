import { runConformance } from '../../conformance/run-conformance.ts';
import { TekigoUsageError } from '../../errors.ts';
import { ROLES } from '../../spec/roles.ts';
import { defineCommand } from '../command-definition.ts';

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
    env: {
      type: 'string',
      valueName: 'env',
      default: 'embedded',
      description: 'where tekigo runs the parties it plays: embedded (local processes on 127.0.0.1)',
    },
    'report-dir': {
      type: 'string',
      valueName: 'dir',
      description: 'where to write report.json and junit.xml (default reports/<role>/<target>)',
    },
    grep: {
      type: 'string',
      valueName: 'pattern',
      description: 'run only the tests whose title matches this regular expression',
    },
  },
  async run({ options, io }) {
    if (options.role === undefined) {
      throw new TekigoUsageError(
        'MISSING_ROLE',
        'tekigo run needs --role; e.g. tekigo run --role certification-authority --target reference',
      );
    }
    if (options.env !== 'embedded') {
      throw new TekigoUsageError(
        'UNKNOWN_ENV',
        `--env ${options.env} is not available; use --env embedded (containers come later)`,
      );
    }
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
    const result = await runConformance({
      role: options.role,
      target: options.target,
      environment: 'embedded',
      ...(options['report-dir'] !== undefined ? { reportDir: options['report-dir'] } : {}),
      ...(options.grep !== undefined ? { grep: options.grep } : {}),
      progress: io.stderr,
    });
    return result.exitCode;
  },
});
