/**
 * The bare server of `npm run bench`, in its own process so the load generator never shares its
 * event loop: a plain `node:http` server answering GET /health with the same JSON as the
 * national-center mock (the I/O without tekigo), beside the mock itself (src/mocks/main.ts).
 * Prints the usual listening line.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK_HOST } from '../../src/transport/index.ts';

const print = (url: string) => process.stdout.write(`${JSON.stringify({ event: 'listening', url })}\n`);

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = JSON.stringify({
      status: 'up',
      role: 'national-center',
      implementation: { name: 'tekigo national-center mock', version: '0.1.0' },
      time: new Date().toISOString(),
    });
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-correlation-id': String(req.headers['x-correlation-id'] ?? crypto.randomUUID()),
    });
    res.end(body);
  });
});
server.listen(0, LOOPBACK_HOST, () =>
  print(`http://${LOOPBACK_HOST}:${(server.address() as AddressInfo).port}`),
);
