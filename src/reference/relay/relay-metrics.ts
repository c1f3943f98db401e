import type { RelayBounds } from './capabilities.ts';

/** The counters behind GET /metrics (health/relay-metrics); gauges are read when asked. */
export class RelayMetrics {
  connections = { open: 0, peak: 0, accepted: 0, refused: 0, timedOut: { headers: 0, body: 0 } };
  messages = { inProgress: 0, received: 0, forwarded: 0, failed: 0, overloaded: 0 };
  upstreamTimeouts = 0;
  device = { operations: 0, timeouts: 0, errors: 0, discarded: 0, latencySumMs: 0, lastMs: 0, maxMs: 0 };

  connectionOpened(): void {
    this.connections.accepted += 1;
    this.connections.open += 1;
    this.connections.peak = Math.max(this.connections.peak, this.connections.open);
  }

  connectionClosed(): void {
    this.connections.open = Math.max(0, this.connections.open - 1);
  }

  deviceCompleted(latencyMs: number): void {
    this.device.operations += 1;
    this.device.latencySumMs += latencyMs;
    this.device.lastMs = latencyMs;
    this.device.maxMs = Math.max(this.device.maxMs, latencyMs);
  }

  /** The health/relay-metrics body. */
  snapshot(bounds: RelayBounds & { readonly requestTimeoutMs: number }): Record<string, unknown> {
    const { operations, timeouts, errors, discarded, latencySumMs, lastMs, maxMs } = this.device;
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      role: 'relay',
      time: new Date().toISOString(),
      bounds: {
        requestTimeoutMs: bounds.requestTimeoutMs,
        headersTimeoutMs: bounds.headersTimeoutMs,
        bodyTimeoutMs: bounds.bodyTimeoutMs,
        idleTimeoutMs: bounds.idleTimeoutMs,
        maxConnections: bounds.maxConnections,
        maxConcurrentRequests: bounds.maxConcurrentRequests,
      },
      connections: { ...this.connections, timedOut: { ...this.connections.timedOut } },
      messages: { ...this.messages },
      limitHits: this.connections.refused + this.messages.overloaded,
      upstreamTimeouts: this.upstreamTimeouts,
      device: {
        operations,
        timeouts,
        errors,
        discarded,
        latencyMs: {
          last: round(lastMs),
          mean: operations === 0 ? 0 : round(latencySumMs / operations),
          max: round(maxMs),
        },
      },
      memory: { rssBytes: process.memoryUsage.rss() },
    };
  }
}
