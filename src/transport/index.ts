export {
  type ListenOptions,
  presentedPeerNames,
  type RequestListener,
  type StartedServer,
  startServer,
  stopServer,
  verifiedPeerNames,
} from './create-server.ts';
export { type ClientRequestInit, createHttpClient, type HttpClient } from './http-client.ts';
export { describeProbe, type ProbeAnswer, type ProbeOptions, type ProbeResult, probeHttp } from './probe.ts';
export {
  LOOPBACK_HOST,
  type MutualTlsProfile,
  plainProfile,
  schemeOf,
  type TransportProfile,
} from './transport-profile.ts';
