import { formatCount, formatRate, formatSeconds, formatStreamTable, type StreamRow } from './stream-table.js';

export interface ProgressOptions {
  now: () => number;
  /** Minimum time between two redraws of the live line. */
  redrawEveryMs?: number;
  /** Terminal width; the live line is cut to fit so `\r` redraws stay on one row. */
  columns?: number;
}

interface StreamProgress {
  startedAt: number;
  endedAt?: number;
  records: number;
  status: string;
}

const clearLine = '\r\x1b[2K';

/**
 * Live progress for a person watching `read` in a terminal: one line per stream, redrawn in place while the
 * stream runs and left behind when it ends, then a summary table. Writes only to the stream it is given (stderr).
 */
export class ReadProgress {
  private readonly streams = new Map<string, StreamProgress>();
  private readonly redrawEveryMs: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private liveLineShown = false;
  private finished = false;

  constructor(
    private readonly out: { write(chunk: string): unknown },
    private readonly options: ProgressOptions,
  ) {
    this.redrawEveryMs = options.redrawEveryMs ?? 100;
  }

  started(stream: string): void {
    if (this.streams.has(stream)) return;
    this.streams.set(stream, { startedAt: this.options.now(), records: 0, status: 'RUNNING' });
    this.draw(true);
  }

  record(stream: string): void {
    const progress = this.streams.get(stream);
    if (progress === undefined) {
      this.started(stream);
      this.record(stream);
      return;
    }
    progress.records += 1;
    this.draw(false);
  }

  ended(stream: string, status: string): void {
    if (!this.streams.has(stream)) this.started(stream);
    const progress = this.streams.get(stream);
    if (progress === undefined || progress.endedAt !== undefined) return;
    progress.endedAt = this.options.now();
    progress.status = status;
    this.eraseLiveLine();
    this.out.write(`${status === 'COMPLETE' ? 'done' : 'FAIL'} ${this.describe(stream, progress)}\n`);
    this.draw(true);
  }

  /** Ends any live line and prints the table. Streams still running are shown as they stand. */
  finish(): void {
    this.eraseLiveLine();
    if (this.finished || this.streams.size === 0) return;
    this.finished = true;
    this.out.write(`\n${formatStreamTable(this.rows())}`);
  }

  rows(): StreamRow[] {
    const now = this.options.now();
    return [...this.streams].map(([stream, p]) => ({
      stream,
      status: p.status,
      records: p.records,
      elapsedMs: (p.endedAt ?? now) - p.startedAt,
    }));
  }

  private describe(stream: string, p: StreamProgress): string {
    const elapsed = (p.endedAt ?? this.options.now()) - p.startedAt;
    return `${stream}: ${formatCount(p.records)} records, ${formatSeconds(elapsed)}, ${formatRate(p.records, elapsed)}`;
  }

  private draw(force: boolean): void {
    const now = this.options.now();
    if (!force && now - this.lastDraw < this.redrawEveryMs) return;
    this.lastDraw = now;
    const running = [...this.streams].filter(([, p]) => p.endedAt === undefined);
    if (running.length === 0) return;
    const line = `.... ${running.map(([stream, p]) => this.describe(stream, p)).join(' | ')}`;
    // A pseudo-terminal without a size reports 0 columns: fall back to a common width.
    const columns = this.options.columns ?? 0;
    const width = columns >= 20 ? columns : 120;
    this.out.write(`${clearLine}${line.length >= width ? `${line.slice(0, width - 2)}…` : line}`);
    this.liveLineShown = true;
  }

  private eraseLiveLine(): void {
    if (!this.liveLineShown) return;
    this.out.write(clearLine);
    this.liveLineShown = false;
  }
}
