import { environmentFor } from '../../conformance/environments.ts';
import { runConformance } from '../../conformance/run-conformance.ts';
import { SECURITY_PROFILES } from '../../conformance/run-context.ts';
import { TekigoUsageError } from '../../errors.ts';
import { langOption, resolveLang } from '../../i18n/lang.ts';
import { finishRun } from '../../report/finish-run.ts';
import { loadWaivers } from '../../report/waivers.ts';
import { ROLES } from '../../spec/roles.ts';
import { defineCommand } from '../command-definition.ts';
import { watchInterruption } from '../run-interruption.ts';
import { targetOfOptions } from '../target-options.ts';

export const run = defineCommand({
  name: 'run',
  summary:
    "Run a role's conformance suite against a target; writes report.json, junit.xml, report.sarif, summary.md and report.html",
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
      description: 'where to write the report files (default reports/<role>/<target>)',
    },
    requirements: {
      type: 'string',
      valueName: 'ids',
      description:
        'run only the tests that declare at least one of these requirement ids (comma-separated, e.g. CA-REV-001,GEN-SEND-010); the others are left out as with --grep',
    },
    grep: {
      type: 'string',
      valueName: 'pattern',
      description:
        'run only the tests whose id or title matches this regular expression (e.g. CA-S01); none matching exits 2',
    },
    profile: {
      type: 'string',
      valueName: 'profile',
      default: 'basic',
      choices: SECURITY_PROFILES,
      description:
        'basic (plain HTTP on loopback, the target in test mode; security requirements not applicable) or production (mutual TLS with a test PKI made for the run, the target without test mode: only the security tests apply)',
    },
    lang: langOption,
    'fuzz-cases': {
      type: 'string',
      valueName: 'n',
      description: 'schema-derived cases per interface the fuzz tests send (default 200)',
    },
    seed: {
      type: 'string',
      valueName: 'n',
      description:
        'seed of the schema-derived cases (default: drawn per run; the report gives it, so a run can be repeated)',
    },
    bundle: {
      type: 'boolean',
      description:
        'also write a signed bundle (report, evidence, spec files, sha256 manifest, Ed25519 signature) to <report-dir>/bundle; check it with tekigo verify and tekigo rejudge',
    },
    'signing-key': {
      type: 'string',
      valueName: 'file',
      description:
        'Ed25519 private key (PEM) that signs the bundle (implies --bundle); without it a key is generated and only its public part kept',
    },
    waivers: {
      type: 'string',
      valueName: 'file',
      description:
        'known deviations (YAML or JSON: test or requirement, reason, link, expires): a covered failure is reported waived; an expired waiver fails the run',
    },
    certification: {
      type: 'boolean',
      description:
        'certification run: refuses --waivers, and counts inconclusive, untested and skipped MUST requirements as failures',
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
    if (options.certification && options.waivers !== undefined) {
      throw new TekigoUsageError(
        'WAIVERS_IN_CERTIFICATION',
        '--certification refuses --waivers: a certification run judges every requirement as it is; drop one of them',
      );
    }
    const fuzz = fuzzOptions(options['fuzz-cases'], options.seed);
    const waivers = options.waivers !== undefined ? await loadWaivers(options.waivers) : undefined;
    const target = targetOfOptions(options);
    const interruption = watchInterruption({ progress: io.stderr });
    try {
      const result = await runConformance({
        role: options.role,
        target,
        environment,
        ...(options['report-dir'] !== undefined ? { reportDir: options['report-dir'] } : {}),
        ...(options.grep !== undefined ? { grep: options.grep } : {}),
        ...(options.requirements !== undefined
          ? { requirements: requirementList(options.requirements) }
          : {}),
        ...(fuzz ? { fuzz } : {}),
        progress: io.stderr,
        lang: resolveLang(options.lang),
        interruption,
        ...(options.profile === 'production' ? { profile: 'production' as const } : {}),
      });
      return await finishRun(result, {
        ...(waivers ? { waivers } : {}),
        certification: options.certification,
        bundle: options.bundle,
        lang: resolveLang(options.lang),
        ...(options['signing-key'] !== undefined ? { signingKeyFile: options['signing-key'] } : {}),
        progress: io.stderr,
      });
    } finally {
      interruption.dispose();
    }
  },
});

/** `--requirements A,B`: the ids, trimmed; an empty list is a usage error. */
function requirementList(text: string): string[] {
  const ids = text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  if (ids.length === 0)
    throw new TekigoUsageError(
      'BAD_REQUIREMENTS',
      '--requirements needs one or more requirement ids separated by commas, e.g. --requirements CA-REV-001',
    );
  return ids;
}

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

/** `--fuzz-cases` and `--seed` as numbers, or a usage error naming the option. */
export function fuzzOptions(
  cases: string | undefined,
  seed: string | undefined,
): { cases?: number; seed?: number } | undefined {
  const whole = (name: string, value: string, min: number, max: number): number => {
    const n = Number(value);
    if (!/^[0-9]+$/.test(value) || n < min || n > max)
      throw new TekigoUsageError(
        'BAD_FUZZ_OPTION',
        `--${name} ${JSON.stringify(value)} is not a whole number from ${min} to ${max}; e.g. --${name} ${min === 0 ? 42 : 200}`,
      );
    return n;
  };
  if (cases === undefined && seed === undefined) return undefined;
  return {
    ...(cases !== undefined ? { cases: whole('fuzz-cases', cases, 1, 100_000) } : {}),
    ...(seed !== undefined ? { seed: whole('seed', seed, 0, 0x7fffffff) } : {}),
  };
}
