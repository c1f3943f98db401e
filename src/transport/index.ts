export { createHttpClient, type ClientRequestInit, type HttpClient } from './http-client.ts';
export { startServer, stopServer, type ListenOptions, type RequestListener, type StartedServer } from './create-server.ts';
export { LOOPBACK_HOST, plainProfile, type TransportProfile } from './transport-profile.ts';
