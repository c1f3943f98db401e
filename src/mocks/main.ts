import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { TekigoError, TekigoUsageError } from '../errors.ts';
import { LOOPBACK_HOST } from '../transport/index.ts';
import { startMock } from './mock-runtime.ts';
import type { PeerAddress } from './mock-sender.ts';

/**
 * Runs one mock as its own process (process contract in src/README.md):
 *   node --single-threaded-gc src/mocks/main.js --role national-center [--port 0] [--host 127.0.0.1]
 *     [--faults script.json] [--peer interface=url[#name]]… [--verbose]
 * (`npx tsx src/mocks/main.ts …` from a clone). The Node options are `MOCK_NODE_FLAGS`: without
 * them it works the same, with a longer latency tail on a busy machine.
 * The first stdout line announces the URL; with --verbose, each later line is one exchange the
 * mock recorded (the ledger, under /__tekigo/ledger, has them all either way).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: LOOPBACK_HOST },
      faults: { type: 'string' },
      peer: { type: 'string', multiple: true, default: [] },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.role)
    throw new TekigoUsageError(
      'MISSING_ROLE',
      'no --role given; say which party to play, e.g. --role national-center',
    );
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TekigoUsageError(
      'INVALID_PORT',
      `--port ${values.port} is not a port number; give 0 for any free port`,
    );
  }
  const faults = values.faults === undefined ? undefined : await readScript(values.faults);
  const peers = values.peer.map(parsePeer);
  const mock = await startMock({
    role: values.role,
    peers,
    port,
    host: values.host,
    ...(faults === undefined ? {} : { faults }),
  });
  const print = (event: object) => process.stdout.write(`${JSON.stringify(event)}\n`);
  print({ event: 'listening', role: mock.role, url: mock.url });
  if (values.verbose)
    mock.ledger.subscribe((entry) => {
      if (entry.kind !== 'exchange') return;
      const { correlationId, method, path, status, outcome, faults: applied, durationMs } = entry;
      print({ event: 'exchange', correlationId, method, path, status, outcome, faults: applied, durationMs });
    });
  const shutdown = () => {
    void mock.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/** `--peer revocation-requests=http://127.0.0.1:4000#ca-1`: where to send an interface, and the peer's name. */
function parsePeer(given: string): PeerAddress {
  const match = /^([a-z-]+)=(https?:\/\/[^#\s]+)(?:#([A-Za-z0-9._-]+))?$/.exec(given);
  if (!match?.[1] || !match[2]) {
    throw new TekigoUsageError(
      'INVALID_PEER',
      `--peer ${given} is not interface=url[#name]; e.g. --peer revocation-requests=http://127.0.0.1:4000`,
    );
  }
  return { interface: match[1], url: match[2], ...(match[3] ? { name: match[3] } : {}) };
}

async function readScript(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new TekigoUsageError(
      'UNREADABLE_FAULT_SCRIPT',
      `cannot read the fault script ${file} (${error instanceof Error ? error.message : String(error)}); give a JSON file`,
    );
  }
}

main().catch((error: unknown) => {
  const report = error instanceof TekigoError ? error.toJSON() : { name: 'Error', message: String(error) };
  process.stderr.write(`${JSON.stringify({ event: 'failed', ...report })}\n`);
  process.exit(2);
});
