// Record selector throughput and memory on a large body, next to JSON.parse. Run after a build:
//   pnpm --filter @mb-airbyte/http-source-kit bench:selector [megabytes=500]
// The body is generated chunk by chunk and never held whole, as a streamed HTTP response would be.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { recordSelector } from '../dist/records/index.js';

const targetMb = Number(process.argv[2] ?? 500);
const record = (i) =>
  JSON.stringify({
    id: i,
    name: `Card ${i} — revenue by région 😀`,
    description: i % 3 ? null : 'A longer description with "quotes" and \\ backslashes',
    archived: false,
    collection_id: i % 17,
    updated_at: '2024-05-06T07:08:09.456Z',
    result_metadata: [{ name: 'TOTAL', base_type: 'type/Float', fingerprint: { min: 1.5, max: 999.25, avg: 55.125 } }],
    visualization_settings: {},
  });

/** `{"data":[…]}` of about `bytes`, in 64 KiB chunks, cycling one pre-built 1 MB run of records. */
function* body(bytes) {
  const rows = [];
  for (let i = 0, size = 0; size < 1e6; i++) {
    rows.push(record(i));
    size += rows.at(-1).length + 1;
  }
  const first = Buffer.from('{"total":-1,"data":[' + rows.join(','));
  const next = Buffer.from(',' + rows.join(','));
  for (let sent = 0, piece = first; sent < bytes; sent += piece.length, piece = next) {
    for (let at = 0; at < piece.length; at += 65536) yield piece.subarray(at, at + 65536);
  }
  yield Buffer.from(']}');
}

function run(label, bytes, fn) {
  const start = process.hrtime.bigint();
  const out = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(
    `${label}: ${(bytes / 1e6).toFixed(0)} MB in ${ms.toFixed(0)} ms = ${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s ${out}\n`,
  );
}

// 1. The selector over the whole target size, watching the process's peak RSS.
let peakRss = 0;
run('selector (streamed)', targetMb * 1e6, () => {
  const scanner = recordSelector('data').open();
  let records = 0;
  let chunks = 0;
  for (const chunk of body(targetMb * 1e6)) {
    records += scanner.write(chunk).length;
    if (++chunks % 500 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  scanner.end();
  return `(${records} records, peak RSS ${(peakRss / 1e6).toFixed(0)} MB)`;
});

// 2. JSON.parse on 100 MB held in memory (it cannot stream; 500 MB would be near V8's string limit).
const parts = [...body(100e6)];
const text = Buffer.concat(parts).toString('utf8');
const whole = Buffer.byteLength(text);
run('JSON.parse (whole body in memory)', whole, () => `(${JSON.parse(text).data.length} records)`);
run('selector (same 100 MB, 64 KiB chunks)', whole, () => {
  const scanner = recordSelector('data').open();
  let records = 0;
  for (const chunk of parts) records += scanner.write(chunk).length;
  scanner.end();
  return `(${records} records)`;
});
