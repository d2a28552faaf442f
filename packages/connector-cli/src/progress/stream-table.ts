/** One stream's outcome in a read, for the summary table (stderr) and the demo's report. */
export interface StreamRow {
  stream: string;
  status: string; // COMPLETE | INCOMPLETE | RUNNING ...
  records: number;
  elapsedMs: number;
}

/** "1,234,567": digits grouped in threads of three (not Intl: building a NumberFormat costs every start ~20 ms). */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ',');
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
}

/** Records per second, or "-" when the time is too short to say. */
export function formatRate(records: number, elapsedMs: number): string {
  return elapsedMs >= 1 ? `${formatCount((records * 1000) / elapsedMs)}/s` : '-';
}

/** A plain-text table with a total line; every line ends with a newline. */
export function formatStreamTable(rows: readonly StreamRow[]): string {
  const header = ['stream', 'status', 'records', 'time', 'rate'];
  const totalRecords = rows.reduce((sum, row) => sum + row.records, 0);
  const totalMs = rows.reduce((sum, row) => sum + row.elapsedMs, 0);
  const body = rows.map((row) => [
    row.stream,
    row.status,
    formatCount(row.records),
    formatSeconds(row.elapsedMs),
    formatRate(row.records, row.elapsedMs),
  ]);
  const total = [
    `total (${rows.length} streams)`,
    '',
    formatCount(totalRecords),
    formatSeconds(totalMs),
    formatRate(totalRecords, totalMs),
  ];
  const table = [header, ...body, total];
  const widths = header.map((_, column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  const numeric = new Set([2, 3, 4]);
  const render = (cells: string[]): string =>
    cells
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(header), rule, ...body.map(render), rule, render(total)].map((line) => `${line}\n`).join('');
}
