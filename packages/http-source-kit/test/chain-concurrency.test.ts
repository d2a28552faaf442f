// A three-level chain (groups -> items of each group -> detail of each item) shares one connection budget between
// its levels: the server never holds more requests than the client's limit, more than one level runs several at
// once, a slow partition does not hold back the ones after it, and a budget smaller than the chain is refused.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSource, defineStream, parentPartitions, type JsonRecord } from '../src/index.js';
import { readSource } from '../src/testing/index.js';
import { errorsOf, recordsOf } from './support/output-timeline.js';
import { sendJson, startTestServer, testCaPem, type TestServer } from './support/https-test-server.js';

const GROUPS = 20;
const ITEMS_PER_GROUP = 2;

interface ChainServer {
  server: TestServer;
  inFlight: { now: number; max: number };
  /** Detail requests held at once, at most. */
  detailsMax: number;
  /** Detail requests answered before the slow one was (when one is slow). */
  answeredBeforeSlow: number | undefined;
}

let running: ChainServer | undefined;
afterEach(async () => {
  await running?.server.close();
  running = undefined;
});

/** Every request waits `delayMs`, except the detail of item `slowItem`, which waits `slowMs`. */
async function startChainServer(delayMs: number, slow?: { item: string; ms: number }): Promise<ChainServer> {
  const chain: ChainServer = {
    server: undefined as unknown as TestServer,
    inFlight: { now: 0, max: 0 },
    detailsMax: 0,
    answeredBeforeSlow: undefined,
  };
  let answeredDetails = 0;
  let details = 0;
  chain.server = await startTestServer('trusted', async (req, res) => {
    const path = new URL(req.url ?? '/', 'https://x.invalid').pathname;
    chain.inFlight.now++;
    chain.inFlight.max = Math.max(chain.inFlight.max, chain.inFlight.now);
    const item = /^\/api\/items\/(.+)$/.exec(path)?.[1];
    if (item !== undefined) chain.detailsMax = Math.max(chain.detailsMax, ++details);
    await new Promise((resolve) => setTimeout(resolve, item !== undefined && item === slow?.item ? slow.ms : delayMs));
    chain.inFlight.now--;
    if (item !== undefined) details--;
    if (item !== undefined && item === slow?.item) chain.answeredBeforeSlow = answeredDetails;
    if (item !== undefined) answeredDetails++;
    const group = /^\/api\/groups\/(\d+)\/items$/.exec(path)?.[1];
    if (path === '/api/groups')
      sendJson(
        res,
        200,
        Array.from({ length: GROUPS }, (_, g) => ({ id: g })),
      );
    else if (group !== undefined)
      sendJson(res, 200, { data: Array.from({ length: ITEMS_PER_GROUP }, (_, k) => ({ id: `${group}-${k}` })) });
    else if (item !== undefined) sendJson(res, 200, { id: item, detail: `about ${item}` });
    else sendJson(res, 404, { message: 'no such route' });
  });
  running = chain;
  return chain;
}

const configSchema = z.object({ base_url: z.string() });
type ChainConfig = z.output<typeof configSchema>;
const object = { type: 'object', properties: { id: {} } };

function chainSource(maxConcurrency: number) {
  return defineSource<ChainConfig>({
    name: 'source-chain',
    version: '1.0.0',
    documentationUrl: 'https://example.com/chain',
    config: configSchema,
    http: (config) => ({ baseUrl: config.base_url, caCertPem: testCaPem, maxConcurrency }),
    streams: () => [
      defineStream<ChainConfig>({ name: 'groups', jsonSchema: object, request: { path: 'groups' } }),
      defineStream<ChainConfig>({
        name: 'group_items',
        jsonSchema: object,
        partitions: parentPartitions<ChainConfig>({
          parent: 'groups',
          partition: (g: JsonRecord) => ({ id: g.id }),
          concurrency: 8,
        }),
        request: { path: ({ partition }) => `groups/${String(partition?.id)}/items` },
        records: 'data',
      }),
      defineStream<ChainConfig>({
        name: 'item_details',
        jsonSchema: object,
        partitions: parentPartitions<ChainConfig>({
          parent: 'group_items',
          partition: (i: JsonRecord) => ({ id: i.id }),
          concurrency: 8,
        }),
        request: { path: ({ partition }) => `items/${String(partition?.id)}` },
      }),
    ],
  });
}

const expectedDetails = Array.from({ length: GROUPS }, (_, g) =>
  Array.from({ length: ITEMS_PER_GROUP }, (_, k) => `${g}-${k}`),
).flat();

async function readDetails(chain: ChainServer, maxConcurrency: number) {
  return readSource(chainSource(maxConcurrency), {
    config: { base_url: `${chain.server.url}/api/` },
    streams: ['item_details'],
  });
}

/** A read that completes with every detail in listing order. */
async function readEveryDetail(chain: ChainServer, maxConcurrency: number): Promise<void> {
  const output = await readDetails(chain, maxConcurrency);
  expect(output.exitCode).toBe(0);
  expect(recordsOf(output, 'item_details').map((r) => r.id)).toEqual(expectedDetails);
}

describe('a chain of partitioned streams', () => {
  it('keeps at most the client limit in flight across its levels, and uses it', async () => {
    // Requests that take 60 ms: enough for the client to fill every lane even on a loaded machine.
    const chain = await startChainServer(60);
    await readEveryDetail(chain, 8);
    expect(chain.inFlight.max).toBeLessThanOrEqual(8);
    // The levels share the budget: the last level gets more than its own first lane, the list and items theirs.
    expect(chain.inFlight.max).toBeGreaterThanOrEqual(5);
    expect(chain.detailsMax).toBeGreaterThanOrEqual(3);
  });

  it('reads with a budget of exactly one connection per level, within it', async () => {
    const chain = await startChainServer(5);
    await readEveryDetail(chain, 3);
    expect(chain.inFlight.max).toBeLessThanOrEqual(3);
  });

  it('does not let a slow partition hold back the ones after it', async () => {
    const chain = await startChainServer(5, { item: '0-0', ms: 1500 });
    await readEveryDetail(chain, 8);
    // While the first detail took 1.5 s, the lanes after it kept going (a window of 2 x concurrency items).
    expect(chain.answeredBeforeSlow).toBeGreaterThanOrEqual(8);
  });

  it('refuses a budget smaller than the chain, with a config_error that says what to change', async () => {
    const chain = await startChainServer(1);
    const output = await readDetails(chain, 2);
    expect(output.exitCode).toBe(1);
    expect(errorsOf(output)[0]).toMatchObject({ failure_type: 'config_error' });
    expect(errorsOf(output)[0]?.message).toMatch(
      /"item_details" reads 3 levels of requests at once .* only 2 connections/,
    );
  });
});
