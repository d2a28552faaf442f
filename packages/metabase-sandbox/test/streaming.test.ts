import { request } from 'node:https';
import { expect, test } from 'vitest';
import { startSandbox } from '../src/index.js';
import { call } from './https-call.js';

test('a large /api/card streams chunked and parses to exactly the expected cards', async () => {
  const sandbox = await startSandbox({ scale: 25 });
  try {
    const res = await call(sandbox, 'card', { headers: { 'X-API-Key': sandbox.credentials.adminApiKey } });
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const cards = JSON.parse(res.body) as { id: number }[];
    expect(cards.length).toBe(sandbox.expected.cardCount());
    let i = 0;
    for (const card of sandbox.expected.eachCard()) expect(cards[i++]).toEqual(card);
  } finally {
    await sandbox.stop();
  }
});

test('a client that reads a little and hangs up does not hurt the server', async () => {
  const sandbox = await startSandbox({ scale: 25 });
  try {
    const received = await new Promise<number>((resolve, reject) => {
      const req = request(
        new URL('card', sandbox.url),
        { ca: sandbox.caPem, headers: { 'X-API-Key': sandbox.credentials.adminApiKey } },
        (res) => {
          res.once('data', (chunk: Buffer) => {
            req.destroy();
            resolve(chunk.length);
          });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ECONNRESET') reject(error);
      });
      req.end();
    });
    expect(received).toBeGreaterThan(0);
    const after = await call(sandbox, 'database', { headers: { 'X-API-Key': sandbox.credentials.adminApiKey } });
    expect(after.status).toBe(200);
  } finally {
    await sandbox.stop();
  }
});
