/** One item's outputs: pulled in the background into a bounded queue; `onFinished` runs when its producer ends. */
export class Lane<R> {
  private readonly queue: R[] = [];
  private readonly iterator: AsyncIterator<R>;
  private finished = false;
  private failure: { error: unknown } | undefined;
  private stopped = false;
  private wakeConsumer: (() => void) | undefined;
  private wakeProducer: (() => void) | undefined;

  constructor(
    outputs: AsyncIterable<R>,
    private readonly limit: number,
    private readonly onFinished: () => void = () => undefined,
  ) {
    this.iterator = outputs[Symbol.asyncIterator]();
    void this.pump();
  }

  async take(): Promise<IteratorResult<R, undefined>> {
    while (this.queue.length === 0 && !this.finished) {
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    }
    if (this.queue.length > 0) {
      const value = this.queue.shift() as R;
      this.wake('producer');
      return { done: false, value };
    }
    if (this.failure !== undefined) throw this.failure.error;
    return { done: true, value: undefined };
  }

  stop(): void {
    this.stopped = true;
    this.wake('producer');
    // Runs the producer's finally blocks (closing response bodies); its outcome no longer matters.
    this.iterator.return?.().catch(() => undefined);
  }

  private async pump(): Promise<void> {
    try {
      while (!this.stopped) {
        if (this.queue.length >= Math.max(1, this.limit)) {
          await new Promise<void>((resolve) => (this.wakeProducer = resolve));
          continue;
        }
        const next = await this.iterator.next();
        if (next.done === true) break;
        this.queue.push(next.value);
        this.wake('consumer');
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.finished = true;
      this.onFinished();
      this.wake('consumer');
    }
  }

  private wake(who: 'consumer' | 'producer'): void {
    const wake = who === 'consumer' ? this.wakeConsumer : this.wakeProducer;
    if (who === 'consumer') this.wakeConsumer = undefined;
    else this.wakeProducer = undefined;
    wake?.();
  }
}
