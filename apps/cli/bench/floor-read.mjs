// The floor: the plainest correct way to read the same endpoints. One request at a time with `node:https`, each
// whole body `JSON.parse`d, one RECORD line per element written to stdout. No retries, no streaming.
// Usage: node floor-read.mjs <plan.json>   where plan.json is { url, caFile, apiKey, figure: 'bulk'|'fan-out'|'cards' }
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import process from 'node:process';

const plan = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: readFileSync(plan.caFile, 'utf8') });
const base = new URL(plan.url);

/** One GET, parsed; sent again once if the kept-alive connection it reused had been closed by the server meanwhile. */
function getJson(path, retried = false) {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, base),
      { agent, headers: { 'X-API-Key': plan.apiKey, accept: 'application/json' } },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`GET ${path}: HTTP ${res.statusCode}`));
          else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        });
      },
    );
    req.on('error', (error) => {
      if (req.reusedSocket && error.code === 'ECONNRESET' && !retried) resolve(getJson(path, true));
      else reject(error);
    });
    req.end();
  });
}

function writeRecords(stream, records) {
  const emittedAt = Date.now();
  for (const data of records)
    process.stdout.write(`${JSON.stringify({ type: 'RECORD', record: { stream, data, emitted_at: emittedAt } })}\n`);
  // stdout to a pipe or a file is synchronous on Linux: nothing piles up between bodies.
}

const bulk = [
  ['cards', 'card', (b) => b],
  ['collections', 'collection', (b) => b],
  ['users', 'user', (b) => b.data],
  ['databases', 'database', (b) => b.data],
  ['native_query_snippets', 'native-query-snippet', (b) => b],
  ['tables', 'table', (b) => b],
  ['segments', 'segment', (b) => b],
  ['permission_groups', 'permissions/group', (b) => b],
  ['alerts', 'alert', (b) => b],
];

async function readBulk(streams) {
  for (const [stream, path, select] of streams) {
    writeRecords(stream, select(await getJson(path)));
  }
}

/**
 * collections -> items of each (dashboards only) -> each dashboard's detail, fetched once: the dashboard is a
 * `dashboards` record and each entry of its `dashcards` a `dashboard_cards` record.
 */
async function readDashboards() {
  const seen = new Set();
  for (const collection of await getJson('collection')) {
    const items = await getJson(`collection/${collection.id}/items?models=dashboard`);
    for (const item of items.data) {
      if (item.model !== 'dashboard' || seen.has(item.id)) continue;
      seen.add(item.id);
      const dashboard = await getJson(`dashboard/${item.id}`);
      writeRecords('dashboards', [dashboard]);
      writeRecords(
        'dashboard_cards',
        dashboard.dashcards.map((card) => ({ ...card, dashboard_id: card.dashboard_id ?? dashboard.id })),
      );
    }
  }
}

if (plan.figure === 'bulk') await readBulk(bulk);
else if (plan.figure === 'cards') await readBulk(bulk.slice(0, 1));
else if (plan.figure === 'fan-out') await readDashboards();
else throw new Error(`unknown figure ${plan.figure}`);
agent.destroy();
