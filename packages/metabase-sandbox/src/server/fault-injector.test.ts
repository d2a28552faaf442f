import { expect, test } from 'vitest';
import { createFaultInjector } from './fault-injector.js';

test('flaky never fails the same request more than twice in a row, even at rate 1', () => {
  const faults = createFaultInjector({ seed: 5, profile: 'flaky', rate: 1, slowLatencyMs: 0 });
  const outcomes = Array.from({ length: 9 }, () => faults.decide('GET /api/card').kind);
  expect(outcomes.map((o) => o === 'ok')).toEqual([false, false, true, false, false, true, false, false, true]);
});

test('flaky is deterministic from the seed and the request key', () => {
  const run = (seed: number): string[] => {
    const faults = createFaultInjector({ seed, profile: 'flaky', rate: 0.3, slowLatencyMs: 0 });
    return Array.from({ length: 200 }, (_, i) => faults.decide(`GET /api/dashboard/${i % 50}`).kind);
  };
  expect(run(1)).toEqual(run(1));
  expect(run(1)).not.toEqual(run(2));
  const kinds = new Set(run(1));
  for (const kind of ['ok', 'initializing-503', 'proxy-502', 'throttled-429', 'reset', 'cut'])
    expect(kinds).toContain(kind);
  const failures = run(1).filter((k) => k !== 'ok').length;
  expect(failures).toBeGreaterThan(30);
  expect(failures).toBeLessThan(100);
});

test('none/slow never fault; slow adds bounded latency', () => {
  const faults = createFaultInjector({ seed: 1, profile: 'slow', rate: 1, slowLatencyMs: 100 });
  for (let i = 0; i < 20; i++) {
    expect(faults.decide('GET /api/card').kind).toBe('ok');
    const ms = faults.latencyMs();
    expect(ms).toBeGreaterThanOrEqual(50);
    expect(ms).toBeLessThanOrEqual(150);
  }
  faults.set('none');
  expect(faults.latencyMs()).toBe(0);
});
