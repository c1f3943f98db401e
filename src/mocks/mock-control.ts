import type { IncomingMessage, ServerResponse } from 'node:http';
import { TekigoUsageError } from '../errors.ts';
import type { Ledger } from '../evidence/ledger.ts';
import { PROBLEM_CONTENT_TYPE, problemForStatus } from '../spec/problem-types.ts';
import type { MockInstance } from './mock-definition.ts';
import type { MockSender, PeerAddress, SendRequest, SendSchedule } from './mock-sender.ts';
import { readBody } from './mock-wire.ts';

/** Requests under this prefix control the mock and are not exchanges with the system under test. */
export const CONTROL_PREFIX = '/__tekigo/';

export interface MockControlOptions {
  readonly ledger: Ledger;
  readonly sender: MockSender;
  readonly instance: MockInstance;
  /** Loads a fault script (replacing any other); throws TekigoUsageError on an invalid one. */
  readonly setFaults: (script: unknown) => void;
  readonly clearFaults: () => Promise<void>;
  readonly reset: () => void;
}

/**
 * The handler of the control API under `/__tekigo/` (faults, ledger, state, reset, peers, sends),
 * which `connectMock` speaks to a mock in another process or container.
 */
export function mockControl(options: MockControlOptions) {
  const { ledger, sender, instance, setFaults, clearFaults, reset } = options;
  return async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const reply = (status: number, body?: unknown, contentType = 'application/json') => {
      const bytes = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(
        status,
        body === undefined ? {} : { 'content-type': contentType, 'content-length': Buffer.byteLength(bytes) },
      );
      res.end(bytes);
    };
    const refuse = (status: number, detail: string, errors?: { pointer: string; detail: string }[]) =>
      reply(
        status,
        problemForStatus(status, { detail, ...(errors ? { errors } : {}) }),
        PROBLEM_CONTENT_TYPE,
      );
    const operation = `${req.method} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
    const readJson = async (): Promise<unknown> => {
      const bytes = await readBody(req, new AbortController().signal);
      try {
        return JSON.parse(new TextDecoder().decode(bytes ?? new Uint8Array()));
      } catch {
        throw new TekigoUsageError('INVALID_CONTROL_BODY', `the body of ${operation} is not JSON`);
      }
    };
    try {
      switch (operation) {
        case 'PUT faults': {
          const bytes = await readBody(req, new AbortController().signal);
          let script: unknown;
          try {
            script = JSON.parse(new TextDecoder().decode(bytes ?? new Uint8Array()));
          } catch {
            return refuse(400, 'the fault script is not JSON', [{ pointer: '', detail: 'not valid JSON' }]);
          }
          setFaults(script);
          return reply(204);
        }
        case 'DELETE faults':
          await clearFaults();
          return reply(204);
        case 'PUT peers': {
          const body = (await readJson()) as { peers?: unknown } | null;
          if (!Array.isArray(body?.peers))
            return refuse(400, 'give { "peers": [ { "interface", "url", "name"? } ] }', [
              { pointer: '/peers', detail: 'must be an array' },
            ]);
          sender.setPeers(body.peers as PeerAddress[]);
          return reply(204);
        }
        case 'GET peers':
          return reply(200, { peers: sender.peers() });
        case 'POST send':
          return reply(200, await sender.send((await readJson()) as SendRequest));
        case 'POST schedules':
          return reply(201, { id: sender.schedule((await readJson()) as SendSchedule) });
        case 'DELETE schedules':
          sender.cancelSchedules();
          return reply(204);
        case 'POST flush':
          await sender.flush();
          return reply(204);
        case 'GET ledger': {
          const since = Number(url.searchParams.get('since') ?? '0');
          if (!Number.isInteger(since) || since < 0) {
            return refuse(400, 'since must be a non-negative integer', [
              { pointer: '/since', detail: 'not a non-negative integer' },
            ]);
          }
          return reply(200, { createdAt: ledger.createdAt, entries: ledger.since(since) });
        }
        case 'GET state':
          return reply(200, instance.state());
        case 'POST reset':
          reset();
          return reply(204);
        default:
          return refuse(
            404,
            `no control operation ${operation}; use PUT or DELETE faults, GET ledger?since=N, GET state, POST reset, PUT or GET peers, POST send, POST or DELETE schedules, POST flush`,
          );
      }
    } catch (error) {
      if (error instanceof TekigoUsageError) {
        const errors =
          (error.details.errors as { instancePath: string; message: string }[] | undefined) ?? [];
        return refuse(
          400,
          error.message,
          errors.map((e) => ({ pointer: e.instancePath, detail: e.message })),
        );
      }
      return refuse(500, error instanceof Error ? error.message : String(error));
    }
  };
}
