import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { TekigoUsageError } from '../../errors.ts';
import { defaultCredentials } from '../../security/default-credentials.ts';
import type { SecuritySeams } from '../../security/security-seams.ts';
import { peersFromEnvironment, tlsFromEnvironment } from '../../security/tls-material.ts';
import type { MutualTlsProfile } from '../../transport/index.ts';
import { type Log, type LogEntry, stdoutLog } from './json-log.ts';
import { parseParameterArgs } from './parameters.ts';

/** What every reference role process takes on its command line (process contract in src/README.md). */
export interface RoleProcessOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir?: string;
  readonly testMode: boolean;
  readonly replica?: string;
  /** `--param name=value`, repeatable. */
  readonly params: Readonly<Record<string, string>>;
  /** `--peer name=baseUrl`, repeatable: peers known from the start, outside test mode too. */
  readonly peers: Readonly<Record<string, string>>;
  /** The production profile: mutual TLS from TEKIGO_TLS_CERT, TEKIGO_TLS_KEY and TEKIGO_TLS_CA. */
  readonly tls?: MutualTlsProfile;
}

export interface StartedRole {
  readonly url: string;
  stop(): Promise<void>;
}

export interface RoleProcessDefinition {
  readonly role: string;
  readonly replicaNames: readonly string[];
  /** The production-profile switches a replica changes, when it changes them. */
  readonly replicaSecurity?: (replica: string) => Partial<SecuritySeams> | undefined;
  start(options: RoleProcessOptions, log: Log): Promise<StartedRole>;
}

const OPTIONS = {
  port: { type: 'string', default: '0' },
  host: { type: 'string', default: '127.0.0.1' },
  'data-dir': { type: 'string' },
  'test-mode': { type: 'boolean', default: false },
  replica: { type: 'string' },
  param: { type: 'string', multiple: true, default: [] },
  peer: { type: 'string', multiple: true, default: [] },
} satisfies ParseArgsOptionsConfig;

export function parseRoleArgs(
  argv: readonly string[],
  replicaNames: readonly string[],
  replicaSecurity?: RoleProcessDefinition['replicaSecurity'],
): RoleProcessOptions & { readonly defaultCredentials?: true } {
  const values = readArgs(argv);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TekigoUsageError(
      'BAD_PORT',
      `cannot listen on port ${JSON.stringify(values.port)}: give an integer 0..65535 (0 picks a free one)`,
    );
  }
  if (values.replica !== undefined && !replicaNames.includes(values.replica)) {
    throw new TekigoUsageError(
      'UNKNOWN_REPLICA',
      `unknown replica ${JSON.stringify(values.replica)}; known replicas: ${replicaNames.join(', ')}`,
    );
  }
  // TEKIGO_PEERS (the production launch contract) first; `--peer` overrides it.
  const peers: Record<string, string> = peersFromEnvironment();
  for (const [name, baseUrl] of Object.entries(parseParameterArgs(values.peer))) peers[name] = baseUrl;
  // A replica that makes up what it is not given reads its material once it knows its role.
  const madeUp =
    values.replica !== undefined && replicaSecurity?.(values.replica)?.defaultCredentials === true;
  const tls = madeUp ? undefined : tlsFromEnvironment();
  return {
    ...(tls ? { tls } : {}),
    ...(madeUp ? { defaultCredentials: true as const } : {}),
    port,
    host: values.host,
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    testMode: values['test-mode'] || process.env.TEKIGO_TEST_MODE === '1',
    ...(values.replica !== undefined ? { replica: values.replica } : {}),
    params: parseParameterArgs(values.param),
    peers,
  };
}

function readArgs(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: OPTIONS }).values;
  } catch (error) {
    throw new TekigoUsageError('BAD_ARGUMENTS', `cannot read the command line: ${(error as Error).message}`);
  }
}

/**
 * Runs a role as a process: the listening line first, then JSON log lines (entries logged while
 * starting wait until the listening line is out); exit 2 with one line on stderr for bad usage;
 * closes the server on SIGTERM or SIGINT.
 */
export async function runRoleProcess(
  definition: RoleProcessDefinition,
  argv: readonly string[],
): Promise<void> {
  const write = stdoutLog(definition.role);
  const early: LogEntry[] = [];
  let listening = false;
  const log: Log = (entry) => (listening ? write(entry) : early.push(entry));
  let started: StartedRole;
  try {
    const { defaultCredentials: madeUp, ...options } = parseRoleArgs(
      argv,
      definition.replicaNames,
      definition.replicaSecurity,
    );
    const tls = madeUp ? await defaultCredentials(definition.role) : options.tls;
    started = await definition.start({ ...options, ...(tls ? { tls } : {}) }, log);
  } catch (error) {
    if (error instanceof TekigoUsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  process.stdout.write(
    `${JSON.stringify({ event: 'listening', role: definition.role, url: started.url })}\n`,
  );
  listening = true;
  for (const entry of early.splice(0)) write(entry);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    started.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
