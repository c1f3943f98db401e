/**
 * `npm run bench [-- --quick] [--out FILE] [--no-containers] [--suite-runs N] [--sim-scale F] [--only 1,2]`:
 * measures tekigo's load generator, mocks, validators, suites and the national-day simulation
 * side by side in one run and writes BENCHMARKS.md (min, median and max over the runs, and the
 * ratios to the peer each figure has). Suites are timed in containers too wherever `docker info`
 * answers (the images are built first). Never part of `npm test`. Figures from a machine shared
 * with other work are noise: regenerate the file on an idle machine.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { generateLoad, type LoadResult } from '../../src/load/load-generator.ts';
import { MOCK_NODE_FLAGS } from '../../src/mocks/mock-node-flags.ts';
import { simulateNationalDay } from '../../src/simulate/national-day.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { ROLES } from '../../src/spec/roles.ts';
import { launchParty, type StartedParty } from '../embedded/launch-party.ts';
import { formatSpread, markdownTable, spread } from './bench-stats.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: 'BENCHMARKS.md' },
    containers: { type: 'boolean' },
    'suite-runs': { type: 'string' },
    'sim-scale': { type: 'string' },
    only: { type: 'string' },
  },
  allowNegative: true,
});
const quick = values.quick;
const RUNS = quick ? 2 : 5;
const LOAD_MS = quick ? 1_000 : 3_000;
const CONNECTIONS = 10;
const SUITE_RUNS = Number(values['suite-runs'] ?? (quick ? 0 : 1));
const SIM_SCALE = Number(values['sim-scale'] ?? (quick ? 0.01 : 0.1));
const root = path.resolve(import.meta.dirname, '../..');
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const began = performance.now();
const out: string[] = [];

/**
 * `bare`: a plain `node:http` server (bench-server.ts); `mock`: the national-center mock as a user
 * runs it, its own process from the compiled package (src/mocks/main.js, which `prebench` builds).
 * Both run with the Node options of a mock process (`MOCK_NODE_FLAGS`), so only the code differs.
 */
async function server(kind: 'bare' | 'mock'): Promise<StartedParty> {
  return launchParty({
    name: `bench-${kind}`,
    nodeArgs: MOCK_NODE_FLAGS,
    ...(kind === 'mock'
      ? { entry: path.join(root, 'src/mocks/main.js'), args: ['--role', 'national-center'] }
      : { entry: path.join(import.meta.dirname, 'bench-server.ts'), args: [] }),
    startTimeoutMs: 60_000,
  });
}

async function autocannonRun(url: string): Promise<{ rate: number; requests: number }> {
  const result = await autocannon({
    url: `${url}/health`,
    connections: CONNECTIONS,
    duration: LOAD_MS / 1000,
  });
  return { rate: result.requests.total / (LOAD_MS / 1000), requests: result.requests.total };
}

/** This process's CPU microseconds (user + system) per request while `run` ran. */
async function cpuPerRequest<T extends { requests: number }>(run: () => Promise<T>): Promise<[T, number]> {
  const before = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(before);
  return [result, (used.user + used.system) / Math.max(1, result.requests)];
}

// (1) The load generator against autocannon, closed loop, same server and connections.
async function loadGeneratorVsAutocannon(): Promise<void> {
  log('load generator vs autocannon');
  const bare = await server('bare');
  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  // Each tool's own CPU time per request (both run in this process): unlike req/s, it hardly
  // moves with other work on the machine.
  const cpuTheirs: number[] = [];
  const cpuOurs: number[] = [];
  try {
    await generateLoad({ url: bare.url, path: '/health', connections: CONNECTIONS, durationMs: 500 });
    await autocannonRun(bare.url);
    for (let run = 0; run < RUNS; run++) {
      const [a, aCpu] = await cpuPerRequest(() => autocannonRun(bare.url));
      const [b, bCpu] = await cpuPerRequest(() =>
        generateLoad({ url: bare.url, path: '/health', connections: CONNECTIONS, durationMs: LOAD_MS }),
      );
      theirs.push(a.rate);
      ours.push(b.throughput);
      ratios.push(b.throughput / a.rate);
      cpuTheirs.push(aCpu);
      cpuOurs.push(bCpu);
    }
  } finally {
    await bare.stop();
  }
  out.push(
    '## 1. Load generator vs autocannon',
    '',
    `Closed loop, ${CONNECTIONS} connections, ${LOAD_MS / 1000} s per run, GET /health of a bare \`node:http\` server (its own process); runs alternate between the two.`,
    '',
    ...markdownTable(
      ['tool', 'req/s median (min–max)', 'runs'],
      [
        ['autocannon', formatSpread(spread(theirs)), String(RUNS)],
        ['tekigo load generator (src/load)', formatSpread(spread(ours)), String(RUNS)],
        ['ratio tekigo / autocannon (target ≥ 0.9)', formatSpread(spread(ratios)), String(RUNS)],
        ['autocannon, client CPU µs per request', formatSpread(spread(cpuTheirs)), String(RUNS)],
        ['tekigo, client CPU µs per request', formatSpread(spread(cpuOurs)), String(RUNS)],
      ],
    ),
    '',
  );
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU milliseconds (user + system) a process has used so far, from /proc; NaN where there is none. */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

// (2) Added latency of the mock over a bare server doing the same I/O, open loop.
async function mockOverhead(): Promise<void> {
  log('mock added latency');
  const bare = await server('bare');
  const mock = await server('mock');
  const rows: string[][] = [];
  try {
    // Both servers warmed up (compiled hot paths) before anything is measured.
    for (const party of [bare, mock])
      await generateLoad({ url: party.url, path: '/health', connections: CONNECTIONS, durationMs: 1_000 });
    for (const rate of [1_000, 5_000]) {
      const seen: Record<'bare' | 'mock', LoadResult[]> = { bare: [], mock: [] };
      // The server's CPU time per answered request: unlike latency, it hardly moves with the
      // load other work puts on the machine.
      const cpu: Record<'bare' | 'mock', number[]> = { bare: [], mock: [] };
      for (let run = 0; run < RUNS; run++) {
        for (const [kind, party] of [
          ['bare', bare],
          ['mock', mock],
        ] as const) {
          const before = cpuMsOf(party.pid);
          const result = await generateLoad({
            url: party.url,
            path: '/health',
            connections: CONNECTIONS,
            durationMs: LOAD_MS,
            rate,
          });
          seen[kind].push(result);
          cpu[kind].push(((cpuMsOf(party.pid) - before) * 1000) / Math.max(1, result.requests));
        }
      }
      const pick = (kind: 'bare' | 'mock', f: (r: LoadResult) => number) => spread(seen[kind].map(f));
      const added = (f: (r: LoadResult) => number) =>
        spread(seen.mock.map((r, i) => f(r) - f(seen.bare[i] as LoadResult)));
      rows.push([
        `${rate.toLocaleString('en-US')}`,
        formatSpread(pick('bare', (r) => r.throughput)),
        formatSpread(pick('mock', (r) => r.throughput)),
        formatSpread(pick('bare', (r) => r.latencyMs.p50)),
        formatSpread(pick('mock', (r) => r.latencyMs.p50)),
        formatSpread(added((r) => r.latencyMs.p50)),
        formatSpread(pick('bare', (r) => r.latencyMs.p99)),
        formatSpread(pick('mock', (r) => r.latencyMs.p99)),
        formatSpread(added((r) => r.latencyMs.p99)),
        formatSpread(spread(cpu.bare)),
        formatSpread(spread(cpu.mock)),
        formatSpread(spread(cpu.mock.map((c, i) => c / (cpu.bare[i] as number)))),
      ]);
    }
  } finally {
    await mock.stop();
    await bare.stop();
  }
  out.push(
    '## 2. Mock added latency vs bare `node:http`',
    '',
    `Open loop (latency from each request's due time, coordinated-omission-correct), ${CONNECTIONS} connections, ${LOAD_MS / 1000} s per run and rate, GET /health: the national-center mock as a user runs it (the compiled \`src/mocks/main.js\`: routing, handler, validation and every exchange kept in its ledger) vs a bare server answering the same JSON. Each in its own process, both with the mock process's Node options (\`${MOCK_NODE_FLAGS.join(' ')}\`, see \`src/mocks/mock-node-flags.ts\`). Latencies in ms; "added" is the mock's figure minus the bare server's in the same round, so its median is not the difference of the two medians beside it; target: mock p99 added < 1 ms. CPU µs/req is each server process's user + system time over the run divided by the requests it answered (from /proc): it moves little with other work on the machine, and 1,000,000 / µs is what one free core would hold.`,
    '',
    ...markdownTable(
      [
        'req/s asked',
        'bare req/s',
        'mock req/s',
        'bare p50',
        'mock p50',
        'added p50',
        'bare p99',
        'mock p99',
        'added p99',
        'bare CPU µs/req',
        'mock CPU µs/req',
        'CPU ratio mock / bare',
      ],
      rows,
    ),
    '',
  );
}

// (3) Schema validation, records per second per message type (the first valid example of each).
async function validation(): Promise<void> {
  log('schema validation');
  const spec = await loadSpec();
  const examples = path.join(root, 'specs/examples');
  const rows: string[][] = [];
  for (const iface of readdirSync(examples).sort()) {
    const folder = path.join(examples, iface);
    if (!existsSync(folder) || !readdirSync(folder, { withFileTypes: true }).some((d) => d.isDirectory()))
      continue;
    for (const message of readdirSync(folder).sort()) {
      const dir = path.join(folder, message);
      const file = existsSync(dir)
        ? readdirSync(dir).find((f) => f.startsWith('valid') && f.endsWith('.json'))
        : undefined;
      if (!file) continue;
      const type = `${iface}/${message}`;
      const body = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { records?: unknown[] };
      const records = Array.isArray(body?.records) ? body.records.length : 1;
      const rates: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        let n = 0;
        const start = performance.now();
        while (performance.now() - start < (quick ? 20 : 60)) {
          for (let i = 0; i < 50; i++) spec.validate(type, body);
          n += 50;
        }
        rates.push((n * records) / ((performance.now() - start) / 1000));
      }
      rows.push([`\`${type}\``, String(records), formatSpread(spread(rates))]);
    }
  }
  out.push(
    '## 3. Schema validation',
    '',
    'Records per second through `loadSpec().validate` (compiled Ajv validators), the first valid example of each message type in `specs/examples/`, in this process.',
    '',
    ...markdownTable(['message type', 'records per message', 'records/s median (min–max)'], rows),
    '',
  );
}

function tekigoCommand(): string[] {
  const compiled = path.join(root, 'src/cli/main.js');
  return existsSync(compiled)
    ? [path.join(root, 'bin/tekigo.js')]
    : ['--import', 'tsx', path.join(root, 'src/cli/main.ts')];
}

function containerEngine(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

// (4) Suite wall time per role.
function suites(): void {
  // Measured where an engine answers, unless --no-containers; --containers says so when none does.
  const engine = values.containers !== false && !quick && containerEngine();
  const envs = engine ? ['embedded', 'containers'] : ['embedded'];
  const rows: string[][] = [];
  if (engine && SUITE_RUNS > 0) {
    // The images of this code, not whatever an earlier version left under the same tag.
    log('building the container images');
    const built = spawnSync(process.execPath, [...tekigoCommand(), 'env', 'build-images'], {
      cwd: root,
      stdio: 'ignore',
      timeout: 600_000,
    });
    if (built.status !== 0) throw new Error('tekigo env build-images failed; run it alone to see why');
  }
  if (SUITE_RUNS > 0)
    for (const role of ROLES) {
      const cells: string[] = [role];
      for (const env of envs) {
        log(`suite ${role} (${env})`);
        const times: number[] = [];
        let failed = false;
        for (let run = 0; run < SUITE_RUNS; run++) {
          const start = performance.now();
          const result = spawnSync(
            process.execPath,
            [
              ...tekigoCommand(),
              'run',
              '--role',
              role,
              '--target',
              'reference',
              '--env',
              env,
              '--report-dir',
              path.join(os.tmpdir(), `tekigo-bench-${role}-${env}`),
            ],
            { cwd: root, stdio: 'ignore', timeout: 600_000 },
          );
          times.push((performance.now() - start) / 1000);
          failed ||= result.status !== 0;
        }
        cells.push(`${formatSpread(spread(times))}${failed ? ' (exit ≠ 0)' : ''}`);
      }
      rows.push(cells);
    }
  out.push(
    '## 4. Suite wall time per role',
    '',
    SUITE_RUNS > 0
      ? `\`tekigo run --role R --target reference\`, whole process, seconds, ${SUITE_RUNS} run(s) each (\`--suite-runs N\` for more; a full round of every role takes minutes per run).`
      : 'Not measured in `--quick` (give `--suite-runs N`).',
    '',
    engine
      ? 'Containers: `--env containers`, on images built from this code at the start of the section (`tekigo env build-images`).'
      : quick || values.containers === false
        ? 'Containers: not measured (`--quick` or `--no-containers`).'
        : 'Containers: no container engine answered `docker info` here, so only the embedded environment is measured.',
    '',
    ...(rows.length > 0 ? markdownTable(['role', ...envs.map((e) => `${e} s`)], rows) : []),
    '',
  );
}

// (5) The national-day simulation.
async function simulation(): Promise<void> {
  log(`national-day simulation at scale ${SIM_SCALE}`);
  const result = await simulateNationalDay({ scale: SIM_SCALE });
  out.push(
    '## 5. National-day simulation',
    '',
    `\`tekigo simulate national-day --scale ${SIM_SCALE}\` against the reference (launched, killed once, restarted), one run. ${SIM_SCALE === 1 ? 'This is the full day' : 'The full day is `--scale 1`'} (231,851 records; acceptance: under 5 minutes and 1 GiB on 2 cores)${SIM_SCALE === 1 ? '' : '; give `--sim-scale 1` to measure it here'}.`,
    '',
    ...markdownTable(
      [
        'sent',
        'accepted',
        'duplicates',
        'lost',
        'doubled',
        'revocations',
        'wall s',
        'records/s',
        'peak RSS MiB',
      ],
      [
        [
          result.sent,
          result.accepted,
          result.duplicates,
          result.lost,
          result.doubled,
          `${result.revocations}/${result.revocationsExpected}`,
          (result.wallMs / 1000).toFixed(1),
          result.recordsPerSecond,
          Math.round(result.peakRssBytes / 2 ** 20),
        ].map(String),
      ],
    ),
    '',
  );
}

const cpus = os.cpus();
const header = [
  '# BENCHMARKS',
  '',
  `Written by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString()}.`,
  '',
  `Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}; load average at start ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' ',
    )}. Figures taken while other work shares the machine are noise: compare ratios within one file, and regenerate it on an idle machine.`,
  '',
  `Each figure: median (min–max) over ${RUNS} runs unless said otherwise.`,
  '',
];
const sections: readonly (() => unknown)[] = [
  loadGeneratorVsAutocannon,
  mockOverhead,
  validation,
  suites,
  simulation,
];
const only = values.only?.split(',').map(Number) ?? [1, 2, 3, 4, 5];
for (const [i, section] of sections.entries()) if (only.includes(i + 1)) await section();
const text = [
  ...header,
  ...out,
  `Total bench time: ${Math.round((performance.now() - began) / 1000)} s.`,
  '',
].join('\n');
writeFileSync(path.resolve(values.out), text);
log(`wrote ${values.out} in ${Math.round((performance.now() - began) / 1000)} s`);
