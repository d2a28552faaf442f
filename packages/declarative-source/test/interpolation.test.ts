import { describe, expect, it } from 'vitest';
import { Interpolator } from '../src/interpolation/interpolator.js';

const now = new Date('2024-03-15T10:20:30.123Z');
const jinja = new Interpolator({ now: () => now });
const context = {
  config: {
    n: '100',
    word: 'root',
    start: '2024-01-01T00:00:00Z',
    zero: '007',
    flag: false,
    nested: { a: 1 },
    list: ['x', 'y'],
  },
  parameters: { name: 'users' },
  stream_slice: { id: 7, start_time: '2024-01-01' },
  response: { next: null, has_more: true, meta: { cursor: 'abc' } },
};

describe('Interpolator.eval (the CDK rules)', () => {
  it.each([
    ['plain text', 'plain text'],
    ["{{ config['n'] }}", 100],
    ["{{ config['word'] }}", 'root'],
    ["{{ config['zero'] }}", '007'],
    ["{{ config['start'] }}", '2024-01-01T00:00:00Z'],
    ['{{ stream_slice.id }}', 7],
    ['{{ stream_partition.id }}', 7],
    ['{{ stream_interval.start_time }}', '2024-01-01'],
    ['/items/{{ stream_slice.id }}/sub', '/items/7/sub'],
    ["{{ config.get('missing', 'dflt') }}", 'dflt'],
    ["{{ config.get('missing') }}", null],
    ['{{ response.next is none }}', true],
    ['{{ not response.has_more }}', false],
    ['{{ response.meta.cursor }}', 'abc'],
    ['{{ config.nested }}', { a: 1 }],
    ['{{ config.list }}', ['x', 'y']],
    ['{{ 4 / 2 }}', 2],
    ['{{ config.missing }}', ''],
    ['{{ parameters.name }}', 'users'],
    ["{{ config['n'] | string }}", 100], // a string is returned as is, then read as a literal (as in the CDK)
    ['{{ 5 | string }}', '5'],
    ["{{ 'user:pass' | base64encode }}", 'dXNlcjpwYXNz'],
    ["{{ 'abc' | hash('sha256') }}", 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ["{{ 'id=42;' | regex_search('id=(\\\\d+)') }}", 42],
    ['{{ now_utc().strftime("%Y-%m-%d") }}', '2024-03-15'],
    ['{{ now_utc() }}', '2024-03-15 10:20:30.123000+00:00'],
    ["{{ day_delta(-1, format='%Y-%m-%d') }}", '2024-03-14'],
    ["{{ format_datetime(config['start'], '%s') }}", 1704067200],
    ["{{ format_datetime('01/02/2024', '%Y-%m-%d', input_format='%m/%d/%Y') }}", '2024-01-02'],
    ["{{ (now_utc() - duration('P1D')).strftime('%Y-%m-%dT%H:%M:%SZ') }}", '2024-03-14T10:20:30Z'],
    ["{{ (str_to_datetime('2024-01-31') + duration('P1M')).strftime('%Y-%m-%d') }}", '2024-02-29'],
    ['{{ max(1, 3) }}', 3],
    ["{{ timestamp('2024-01-01T00:00:00Z') | int }}", 1704067200],
    ['{% if config.flag %}yes{% else %}no{% endif %}', 'no'],
    ["{{ ['a', 'b'] | join(',') }}", 'a,b'],
    ["{{ config['word'] ~ '-' ~ stream_slice.id }}", 'root-7'],
  ])('%s', (template, expected) => {
    expect(jinja.eval(template, context)).toEqual(expected);
  });

  it('uses the default when the output is empty', () => {
    expect(jinja.eval('{{ config.missing }}', context, '{{ config.n }}')).toBe(100);
  });

  it('evaluates conditions with the CDK false values', () => {
    expect(jinja.evalBoolean('{{ response.has_more }}', context)).toBe(true);
    expect(jinja.evalBoolean('{{ response.next }}', context)).toBe(true); // None is not among the CDK's false values
    expect(jinja.evalBoolean('{{ config.missing }}', context)).toBe(false);
    expect(jinja.evalBoolean("{{ 'false' }}", context)).toBe(false);
    expect(jinja.evalBoolean('{{ [] }}', context)).toBe(false);
    expect(jinja.evalBoolean(true, context)).toBe(true);
  });

  it('fails on a variable that is not in the context, as the CDK does', () => {
    expect(() => jinja.eval('{{ stream_slcie.id }}', context)).toThrow(/reads "stream_slcie"/);
    expect(() => jinja.eval('{{ os.system("x") }}', context)).toThrow(/reads "os"/);
    expect(() => jinja.eval('{{ range(10) }}', context)).toThrow(/calls "range"/);
  });
});

describe('the sandbox', () => {
  it.each([
    "{{ ''.constructor.constructor('return process')() }}",
    "{{ config.constructor.constructor('return process')() }}",
    "{{ config['__proto__']['constructor']['constructor']('return process')() }}",
    "{{ (now_utc().strftime).constructor('return process')() }}",
    "{{ config.get.constructor('return process')() }}",
  ])('%s reaches nothing', (template) => {
    expect(() => jinja.eval(template, context)).toThrow(
      /failed: Cannot call something that is not a function: got UndefinedValue$/,
    );
  });

  it.each([
    '{{ config.__class__.__mro__ }}',
    '{{ config.__proto__ }}',
    "{{ ''.constructor }}",
    '{{ config.get.__globals__ }}',
  ])('%s is empty', (template) => {
    expect(jinja.eval(template, context)).toBe('');
  });

  it('does not leak a function body', () => {
    expect(jinja.eval('{{ config.get }}', context)).toBe('<function>');
  });
});
