import { describe, expect, it } from 'vitest';
import { ServerClock } from './server-clock.js';

describe('ServerClock', () => {
  it('knows nothing before a Date header, and ignores unreadable ones', () => {
    const clock = new ServerClock(() => 1_000);
    const mark = clock.mark();
    clock.observe(undefined);
    clock.observe('not a date');
    expect(mark()).toBeUndefined();
  });

  it('gives the server time at a marked moment from the closest (largest) offset seen, even later ones', () => {
    let local = Date.UTC(2024, 0, 1, 12, 0, 0, 0);
    const clock = new ServerClock(() => local);
    const mark = clock.mark(); // local 12:00:00.000
    local += 800; // the first answer arrives 800 ms later, stamped by a server 60 s ahead (truncated to the second)
    clock.observe('Mon, 01 Jan 2024 12:01:00 GMT');
    expect(mark()).toBe(Date.UTC(2024, 0, 1, 12, 0, 59, 200));
    local += 400; // 12:00:01.200 local, the server says 12:01:01: a closer sample
    clock.observe('Mon, 01 Jan 2024 12:01:01 GMT');
    expect(mark()).toBe(Date.UTC(2024, 0, 1, 12, 0, 59, 800));
    clock.observe('Mon, 01 Jan 2024 12:00:30 GMT'); // a slow, stale answer does not move it back
    expect(mark()).toBe(Date.UTC(2024, 0, 1, 12, 0, 59, 800));
  });

  it('reads a repeated Date header once: seen again later, it could only give a smaller offset', () => {
    let local = Date.UTC(2024, 0, 1, 12, 0, 0, 100);
    let reads = 0;
    const clock = new ServerClock(() => {
      reads++;
      return local;
    });
    const mark = clock.mark();
    clock.observe('Mon, 01 Jan 2024 12:00:00 GMT');
    local += 500;
    clock.observe('Mon, 01 Jan 2024 12:00:00 GMT');
    expect(reads).toBe(2); // mark() and the first observe()
    expect(mark()).toBe(Date.UTC(2024, 0, 1, 12, 0, 0, 0));
    clock.observe('Mon, 01 Jan 2024 12:00:01 GMT'); // a new second is read again (offset +400 ms, closer)
    expect(reads).toBe(3);
    expect(mark()).toBe(Date.UTC(2024, 0, 1, 12, 0, 0, 500));
  });
});
