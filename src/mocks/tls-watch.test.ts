import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, mutualTls, type TestPki } from '../security/pki/test-pki.ts';
import { type StartedServer, startServer } from '../transport/create-server.ts';
import { createHttpClient } from '../transport/http-client.ts';
import { type TlsConnectionNote, watchTlsConnections } from './tls-watch.ts';

let pki: TestPki;
let server: StartedServer;
const notes: TlsConnectionNote[] = [];
const waiters: (() => void)[] = [];

/** Resolves once a note matching `wanted` has been made (event-driven: no fixed wait). */
function noted(wanted: (note: TlsConnectionNote) => boolean): Promise<TlsConnectionNote> {
  return new Promise((resolve) => {
    const look = () => {
      const found = notes.find(wanted);
      if (!found) return false;
      resolve(found);
      return true;
    };
    if (!look()) waiters.push(() => void look());
  });
}

beforeAll(async () => {
  pki = await createTestPki();
  server = await startServer((_req, res) => res.end('ok'), {
    profile: mutualTls(await pki.issue({ role: 'national-center' }), pki.rootPem),
  });
  watchTlsConnections(server.server, (note) => {
    notes.push(note);
    for (const wake of waiters.splice(0)) wake();
  });
});
afterAll(() => server.stop());

describe('watchTlsConnections', () => {
  it('notes a completed connection with an id, and its end with the requests it carried', async () => {
    const client = createHttpClient(mutualTls(await pki.issue({ role: 'relay' }), pki.rootPem));
    const response = await client.fetch(`${server.url}/health`, { timeoutMs: 5_000 });
    expect(await response.text()).toBe('ok');
    await client.close();
    const opened = await noted(
      (n) => n.what === 'tls-connection' && /role:relay/.test(n.data.clientNames ?? ''),
    );
    const id = opened.what === 'tls-connection' ? opened.data.connection : '';
    expect(id).toMatch(/^tls-\d+$/);
    const closed = await noted((n) => n.what === 'tls-connection-closed' && n.data.connection === id);
    expect(closed.data).toEqual({ connection: id, requests: 1 });
  });

  it('notes the end of a connection that carried nothing, with its own id', async () => {
    const credential = await pki.issue({ role: 'issuance-service' });
    const socket = connect({
      host: '127.0.0.1',
      port: Number(new URL(server.url).port),
      cert: credential.certPem,
      key: credential.keyPem,
      ca: pki.rootPem,
      servername: 'localhost',
    });
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    const opened = await noted(
      (n) => n.what === 'tls-connection' && /role:issuance-service/.test(n.data.clientNames ?? ''),
    );
    const id = opened.what === 'tls-connection' ? opened.data.connection : '';
    expect(notes.some((n) => n.what === 'tls-connection-closed' && n.data.connection === id)).toBe(false);
    socket.end();
    const closed = await noted((n) => n.what === 'tls-connection-closed' && n.data.connection === id);
    expect(closed.data).toEqual({ connection: id, requests: 0 });
  });

  it('notes a handshake the client refused, without any connection', async () => {
    const before = notes.length;
    const client = createHttpClient(
      mutualTls(await pki.issue({ role: 'relay' }), (await createTestPki()).rootPem),
    );
    await expect(client.fetch(`${server.url}/health`, { timeoutMs: 5_000 })).rejects.toThrow(TypeError);
    await client.close();
    const failed = await noted((n, i = notes.indexOf(n)) => i >= before && n.what === 'tls-handshake-failed');
    expect(failed.data).toMatchObject({ error: expect.any(String) });
    expect(notes.slice(before).filter((n) => n.what === 'tls-connection')).toEqual([]);
  });
});
