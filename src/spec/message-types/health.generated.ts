// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { Implementation, Party, Timestamp } from './common.generated.ts'

/**
 * Sent by any role as the 200 answer to GET /health: whether it is up, which role and implementation it is, and its clock.
 */
export interface Health {
/**
 * up: serving normally; degraded: serving, with a dependency impaired; down: not able to serve its interfaces.
 */
status: ("up" | "degraded" | "down")
role: Party
implementation: Implementation
time: Timestamp
}
/**
 * Sent by the relay as the 200 answer to GET /metrics (served outside test mode too): its declared bounds and its counters since it started, so that an operator, and the suite, can see its connections, the limits it hit, the timeouts it gave and the crypto device's latency (RLY-MET-001 to RLY-MET-003). Counters only grow while the process runs; gauges (connections.open, messages.inProgress) are the values at the moment of the answer, the connection that carries GET /metrics included.
 */
export interface RelayMetrics {
role: "relay"
time: Timestamp
bounds: DeclaredBounds
connections: ClientConnections
messages: TerminalMessages
limitHits: number
upstreamTimeouts: number
device: CryptoDevice
memory: {
rssBytes: number
}
}
/**
 * The bounds the relay enforces; the suite tests against these values.
 */
export interface DeclaredBounds {
/**
 * Every crypto-device operation and every forwarded message is abandoned no later than this (RLY-FWD-004, RLY-DEV-002).
 */
requestTimeoutMs: number
/**
 * A connection whose request headers are not complete this long after it opened is closed (GEN-TMO-001 allows at most 10 s).
 */
headersTimeoutMs: number
/**
 * A request whose body is not complete this long after its headers is answered 408 and its connection closed (GEN-TMO-002).
 */
bodyTimeoutMs: number
/**
 * A kept-alive connection with no request in progress is closed after this long.
 */
idleTimeoutMs: number
/**
 * Client connections open at once; a connection beyond them is closed at once and counted in connections.refused.
 */
maxConnections: number
/**
 * Messages in progress at once; one beyond them is answered 503 overloaded with Retry-After (GEN-TMO-006).
 */
maxConcurrentRequests: number
}
export interface ClientConnections {
open: number
peak: number
accepted: number
refused: number
/**
 * Client connections closed because a phase did not complete within its bound, by phase.
 */
timedOut: {
headers: number
body: number
}
}
export interface TerminalMessages {
inProgress: number
received: number
forwarded: number
failed: number
overloaded: number
}
export interface CryptoDevice {
operations: number
timeouts: number
errors: number
discarded: number
latencyMs: DeviceLatency
}
/**
 * Milliseconds from sending an operation to its completion, over the completed operations.
 */
export interface DeviceLatency {
last: number
mean: number
max: number
}
