import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { TekigoUsageError } from '../../errors.ts';
import { mockRoles } from '../../mocks/mock-roles.ts';
import { startMock } from '../../mocks/mock-runtime.ts';
import { LOOPBACK_HOST } from '../../transport/index.ts';
import { defineCommand } from '../command-definition.ts';

export const mock = defineCommand({
  name: 'mock',
  summary: 'Run one mock peer with its control API under /__tekigo/ (faults, ledger, reset) until Ctrl-C',
  args: [],
  options: {
    role: {
      type: 'string',
      valueName: 'role',
      required: true,
      description: 'the party to play, e.g. national-center',
    },
    port: {
      type: 'string',
      valueName: 'port',
      default: '0',
      description: 'the port to listen on (0: any free port)',
    },
    host: {
      type: 'string',
      valueName: 'address',
      default: LOOPBACK_HOST,
      description: 'the address to listen on (0.0.0.0 in a container)',
    },
    faults: {
      type: 'string',
      valueName: 'file',
      description: 'a fault script (JSON or YAML) to load at start',
    },
  },
  async run({ options, io }) {
    const roles = Object.keys(mockRoles);
    const role = options.role ?? '';
    if (!roles.includes(role))
      throw new TekigoUsageError(
        'UNKNOWN_ROLE',
        `no mock plays "${role}"; use --role with one of ${roles.join(', ')}`,
      );
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      throw new TekigoUsageError(
        'INVALID_PORT',
        `--port ${options.port} is not a port number; give 0 for any free port`,
      );
    const faults = options.faults === undefined ? undefined : await readFaultScript(options.faults);
    const started = await startMock({
      role,
      port,
      host: options.host,
      ...(faults === undefined ? {} : { faults }),
    });
    io.stdout(JSON.stringify({ event: 'listening', role: started.role, url: started.url }));
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await started.stop();
    return 0;
  },
});

async function readFaultScript(file: string): Promise<unknown> {
  try {
    return parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    throw new TekigoUsageError(
      'UNREADABLE_FAULT_SCRIPT',
      `cannot read the fault script ${file} (${(error as Error).message.split('\n')[0]}); give a JSON or YAML file`,
    );
  }
}
