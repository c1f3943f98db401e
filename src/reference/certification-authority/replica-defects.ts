import { resolvePointer } from '../../faults/json-pointer.ts';
import type { ReconciliationEntry } from '../../reconciliation/reconciliation-entry.ts';
import { sha256Hex } from '../../spec/canonical-json.ts';
import type { FieldError } from '../../spec/problem-types.ts';
import type { Log } from '../shared/json-log.ts';
import type { Certificate } from './certificate-store.ts';
import type { ReportSource, StatusLookup } from './seams.ts';

/** The seam implementations that replicas plug in, one defect each; the reference uses none. */

/** ca-bad-digest: the four items in insertion order, not canonical JSON, in upper-case hex. */
export const insertionOrderDigest = (items: unknown): string =>
  sha256Hex(JSON.stringify(items)).toUpperCase();

/** ca-echo-invalid-values: each refused field's detail quotes the refused value. */
export const quoteRefusedValues = (errors: readonly FieldError[], body: unknown): FieldError[] =>
  errors.map((e) => ({ ...e, detail: `${e.detail} (got ${quoted(resolvePointer(body, e.pointer))})` }));

function quoted(value: unknown): string {
  return typeof value === 'object' && value !== null ? 'a structure' : JSON.stringify(value);
}

/** The replica ca-shared-status-slot's "signing" pause, during which its shared slot can be overwritten. */
const STATUS_SIGNING_MS = 10;

/** ca-shared-status-slot: every answer is built in one slot shared by concurrent requests. */
export const sharedStatusSlot = (find: (serialNumber: string) => Certificate | undefined): StatusLookup => {
  let slot: { serialNumber: string; certificate: Certificate | undefined } | undefined;
  return async (serialNumber) => {
    slot = { serialNumber, certificate: find(serialNumber) };
    await new Promise((resolve) => setTimeout(resolve, STATUS_SIGNING_MS));
    return slot;
  };
};

/** How long ca-cached-report serves a reconciliation report again. */
const REPORT_CACHE_MS = 1_000;

/** ca-cached-report: a report is served again from a cache for a second. */
export const cachedReports = (): ReportSource => {
  const cache = new Map<string, { atMs: number; report: unknown }>();
  return (key, build) => {
    const cached = cache.get(key);
    if (cached && Date.now() - cached.atMs < REPORT_CACHE_MS) return cached.report;
    const report = build();
    cache.set(key, { atMs: Date.now(), report });
    return report;
  };
};

/** ca-count-deliveries: total counts deliveries, so every delivery answered duplicate again. */
export const totalCountsDeliveries = (entry: ReconciliationEntry): ReconciliationEntry => ({
  ...entry,
  counts: { ...entry.counts, total: entry.counts.total + entry.counts.duplicate },
});

/** ca-logs-personal-data: the issuance is logged with the orders, four items included. */
export const logOrders = (
  log: Log,
  correlationId: string,
  orders: unknown,
  serialNumbers: readonly string[],
) => log({ event: 'certificates-issued', correlationId, certificates: orders, serialNumbers });
