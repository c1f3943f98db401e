export {
  type ListenOptions,
  type RequestListener,
  type StartedServer,
  startServer,
  stopServer,
} from './create-server.ts';
export { type ClientRequestInit, createHttpClient, type HttpClient } from './http-client.ts';
export { LOOPBACK_HOST, plainProfile, type TransportProfile } from './transport-profile.ts';
