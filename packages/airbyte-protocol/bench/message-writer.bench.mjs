// Throughput of MessageWriter on the built package: `pnpm build && node bench/message-writer.bench.mjs [count] [stdout]`.
// With "stdout" the lines go to this process's stdout (pipe it: `| wc -l`); otherwise to a Writable that discards.
// Results go to stderr. Not part of the test suite (no timed assertions there).
import { Writable } from 'node:stream';
import { MessageWriter, recordMessage } from '../dist/index.js';

const count = Number(process.argv[2] ?? 1_000_000);
const toStdout = process.argv[3] === 'stdout';

function sink() {
  if (toStdout) return process.stdout;
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}

function row(i) {
  return {
    id: i,
    name: `Question ${i}`,
    description: null,
    archived: false,
    collection_id: i % 50,
    updated_at: '2024-05-01T12:00:00.000Z',
  };
}

async function run(label, writeOne) {
  const writer = new MessageWriter(sink());
  const heapBefore = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await writeOne(writer, i);
  await writer.flush();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  process.stderr.write(
    `${label}: ${count} records in ${ms.toFixed(0)} ms = ${Math.round(count / (ms / 1000))} records/s (heap delta ${heapMb.toFixed(1)} MB)\n`,
  );
}

const now = Date.now();
await run('writeRecordJson (pre-serialised data)', (w, i) => w.writeRecordJson('cards', JSON.stringify(row(i)), now));
await run('write(recordMessage(...))', (w, i) => w.write(recordMessage('cards', row(i), { emittedAt: now })));
