import { setTimeout as sleep } from 'node:timers/promises';
import type { buildConnector } from 'undici';

/**
 * An undici connector that hands over each connection `delayMs` after `connect` established it
 * (TLS handshake complete), so that nothing is written on it before: the seam of a replica that
 * sends late (GEN-SEC-005's test must wait for evidence, not for a fixed time). A connection the
 * server ended meanwhile is reported as a connection error. `wait` is the delay, for tests.
 */
export function lateSendingConnector(
  connect: buildConnector.connector,
  delayMs: number,
  wait: (ms: number) => Promise<unknown> = sleep,
): buildConnector.connector {
  return (target, callback) => {
    connect(target, (error, socket) => {
      if (error !== null) return callback(error, null);
      void wait(delayMs).then(() => {
        if (socket.destroyed) {
          const ended = Object.assign(new Error('the server ended the connection before it was used'), {
            code: 'ECONNRESET',
          });
          return callback(ended, null);
        }
        callback(null, socket);
      });
    });
  };
}
