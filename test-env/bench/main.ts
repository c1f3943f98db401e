/**
 * `npm run bench`: what tekigo's own machinery costs, measured side by side in one run and
 * reported as ratios, so a change that slows the harness shows up without any wall-clock
 * assertion in the test suite.
 *
 * 1. Message validation: one notice vs a batch of 1000 (per-record cost should stay flat).
 * 2. A round trip to a mock: direct vs through the TCP fault proxy with no toxic (the proxy's
 *    own overhead) vs with a 2 ms latency toxic each way (the injected fault dominates).
 * 3. The reference certification authority delivering 500 notices to the mock: direct vs
 *    through the proxy.
 */
import { performance } from 'node:perf_hooks';
import { createSutClient } from '../../src/client/sut-client.ts';
import { serialNumber, syntheticResident } from '../../src/conformance/synthetic-data.ts';
import { Ledger } from '../../src/evidence/ledger.ts';
import { startTcpProxy } from '../../src/faults/tcp-proxy.ts';
import { startMock } from '../../src/mocks/mock-runtime.ts';
import { issuanceBatch, issuanceRecord } from '../../src/mocks/national-center/issuance-fixtures.ts';
import { startCertificationAuthority } from '../../src/reference/certification-authority/certification-authority.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';

interface Row {
  readonly group: string;
  readonly variant: string;
  readonly value: number;
  readonly unit: string;
  /** Ratio against the group's first row. */
  ratio?: number;
}

const rows: Row[] = [];
const record = (group: string, variant: string, value: number, unit: string) =>
  rows.push({ group, variant, value, unit });

async function timeIt(iterations: number, work: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(20, iterations); i++) await work(i);
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await work(i);
  return (performance.now() - started) / iterations;
}

const spec = await loadSpec();
const one = issuanceBatch([issuanceRecord(1)]);
const thousand = issuanceBatch(Array.from({ length: 1000 }, (_, i) => issuanceRecord(i + 1)));
const perRecordOne = await timeIt(2000, () => spec.validate('certificate-issuances/batch-request', one));
const perRecordThousand =
  (await timeIt(50, () => spec.validate('certificate-issuances/batch-request', thousand))) / 1000;
record('validation, per record', 'batch of 1', perRecordOne * 1000, 'µs');
record('validation, per record', 'batch of 1000', perRecordThousand * 1000, 'µs');

const mock = await startMock({ role: 'national-center', validate: spec.validate });
const upstream = new URL(mock.url);
const plainProxy = await startTcpProxy({
  upstream: { host: upstream.hostname, port: Number(upstream.port) },
});
const slowProxy = await startTcpProxy({
  upstream: { host: upstream.hostname, port: Number(upstream.port) },
  toxics: [
    { name: 'up', direction: 'upstream', kind: 'latency', ms: 2 },
    { name: 'down', direction: 'downstream', kind: 'latency', ms: 2 },
  ],
});
for (const [variant, url] of [
  ['direct', mock.url],
  ['TCP proxy, no toxic', plainProxy.url],
  ['TCP proxy, 2 ms each way', slowProxy.url],
] as const) {
  const client = createSutClient({
    baseUrl: url,
    ledger: new Ledger(),
    validate: spec.validate,
    timeoutMs: 5_000,
  });
  const ms = await timeIt(300, () => client.get('/health'));
  record('mock round trip', variant, ms, 'ms');
  await client.close();
}

for (const [variant, url] of [
  ['direct', mock.url],
  ['TCP proxy, no toxic', plainProxy.url],
] as const) {
  await mock.reset();
  const ca = await startCertificationAuthority({ testMode: true, peers: { 'national-center': url } });
  const client = createSutClient({
    baseUrl: ca.url,
    ledger: new Ledger(),
    validate: spec.validate,
    timeoutMs: 30_000,
  });
  const count = 500;
  const certificates = Array.from({ length: count }, (_, i) => ({
    serialNumber: serialNumber(variant.length, i),
    certificateType: 'signature',
    ...syntheticResident(i),
  }));
  const started = performance.now();
  await client.post('/conformance/stimulus', { kind: 'issue-certificates', certificates });
  const deadline = started + 60_000;
  for (;;) {
    const state = (await mock.state()) as { certificateIssuances: { stored: unknown[] } };
    if (state.certificateIssuances.stored.length >= count || performance.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  record('reference CA, 500 notices delivered', variant, performance.now() - started, 'ms');
  await client.close();
  await ca.stop();
}
await Promise.all([plainProxy.stop(), slowProxy.stop(), mock.stop()]);

for (const row of rows) {
  const base = rows.find((r) => r.group === row.group);
  if (base) row.ratio = row.value / base.value;
}
const width = Math.max(...rows.map((r) => `${r.group}: ${r.variant}`.length));
console.log(`tekigo bench (${process.version}, ${new Date().toISOString()})\n`);
for (const row of rows) {
  const label = `${row.group}: ${row.variant}`.padEnd(width);
  console.log(
    `${label}  ${row.value.toFixed(2).padStart(10)} ${row.unit.padEnd(3)}  ×${row.ratio?.toFixed(2)}`,
  );
}
