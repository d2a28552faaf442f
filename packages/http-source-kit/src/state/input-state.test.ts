import { describe, expect, it } from 'vitest';
import { parseInputState } from './input-state.js';

describe('parseInputState', () => {
  it('maps STREAM entries by name and namespace, falling back to a name-only entry', () => {
    const states = parseInputState([
      { type: 'STREAM', stream: { stream_descriptor: { name: 'a' }, stream_state: { x: 1 } } },
      { type: 'STREAM', stream: { stream_descriptor: { name: 'a', namespace: 'n' }, stream_state: { x: 2 } } },
    ]);
    expect(states.get({ name: 'a' })).toEqual({ x: 1 });
    expect(states.get({ name: 'a', namespace: 'n' })).toEqual({ x: 2 });
    expect(states.get({ name: 'a', namespace: 'other' })).toEqual({ x: 1 });
    expect(states.get({ name: 'b' })).toBeUndefined();
  });

  it('reads LEGACY entries without a type, and tolerates nothing at all', () => {
    expect(parseInputState([{ data: { a: { x: 3 } } }]).get({ name: 'a' })).toEqual({ x: 3 });
    expect(parseInputState(undefined).get({ name: 'a' })).toBeUndefined();
    expect(parseInputState([]).get({ name: 'a' })).toBeUndefined();
  });

  it('refuses entries it cannot read, with a config_error', () => {
    expect(() => parseInputState([{ type: 'STREAM', stream: {} }])).toThrow(/entry 0 has no stream_descriptor.name/);
    expect(() => parseInputState([{ type: 'GLOBAL', global: {} }])).toThrow(/has no stream_states/);
    expect(() => parseInputState([{ type: 'WHAT' }])).toThrow(/unknown type "WHAT"/);
  });
});
