/**
 * Evaluates the interpolated strings of a manifest as the CDK's JinjaInterpolation does: a string without `{{` or
 * `{%` is returned as is; otherwise it is rendered in a sandbox (only the context and the CDK's macros and filters
 * are reachable) and the output is read back as a Python literal (`"{{ config['n'] }}"` with n = 100 gives 100,
 * "root" stays a string). An empty output gives the default, if there is one.
 */
import { compileTemplate, type CompiledTemplate } from './compile-template.js';
import { Environment, Interpreter, rawFunction, type JinjaEnvironment, type RuntimeValue } from './jinja-runtime.js';
import { filters, InterpolationError, macros } from './macros.js';
import { pythonStrOf } from './python-repr.js';
import { literalEval } from './python-literal.js';

/** What a template may read: `config`, `parameters`, `stream_slice` (alias `stream_partition`, `stream_interval`), … */
export type InterpolationContext = Readonly<Record<string, unknown>>;

/** The values the CDK treats as false in a condition (InterpolatedBoolean). */
const FALSE_VALUES: readonly unknown[] = ['False', 'false', '{}', '[]', '()', '', '0', '0.0', false, 0];

const CONSTANTS: Record<string, unknown> = {
  true: true,
  false: false,
  none: null,
  True: true,
  False: false,
  None: null,
};
const ALIASES: Record<string, string> = { stream_interval: 'stream_slice', stream_partition: 'stream_slice' };

export interface InterpolatorOptions {
  /** The clock behind now_utc(), today_utc() and day_delta(). */
  now?: () => Date;
  /** Templates kept compiled (a manifest has a few hundred at most). */
  cacheSize?: number;
}

export class Interpolator {
  private readonly globals: JinjaEnvironment;
  private readonly cache = new Map<string, CompiledTemplate>();
  private readonly cacheSize: number;

  constructor(options: InterpolatorOptions = {}) {
    this.cacheSize = options.cacheSize ?? 2000;
    const env = new Environment();
    const functions: Record<string, RuntimeValue> = {
      ...macros(options.now ?? (() => new Date())),
      ...filters(),
      __py_str: rawFunction(([value]) => (value === undefined ? '' : pythonStrOf(value))),
    };
    for (const [name, value] of Object.entries(functions)) env.setVariable(name, value);
    for (const [name, value] of Object.entries(CONSTANTS)) env.set(name, value);
    this.globals = env;
  }

  /** Whether a string is a template at all (plain strings are used as they are). */
  static isTemplate(text: string): boolean {
    return text.includes('{{') || text.includes('{%');
  }

  /** The CDK's `InterpolatedString.eval`: the value of the template, read back as a Python literal. */
  eval(template: string, context: InterpolationContext, defaultTemplate?: string): unknown {
    if (!Interpolator.isTemplate(template)) return template;
    const rendered = this.render(template, context);
    if (rendered !== '') return literalEval(rendered);
    if (defaultTemplate === undefined) return literalEval(rendered);
    return Interpolator.isTemplate(defaultTemplate)
      ? literalEval(this.render(defaultTemplate, context))
      : literalEval(defaultTemplate);
  }

  /** The CDK's `InterpolatedBoolean.eval`: anything but its list of false values is true. */
  evalBoolean(condition: string | boolean, context: InterpolationContext): boolean {
    if (typeof condition === 'boolean') return condition;
    const value = this.eval(condition, context, 'False');
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
    return !FALSE_VALUES.includes(value);
  }

  /** The rendered text, before it is read as a literal. */
  render(template: string, context: InterpolationContext): string {
    const compiled = this.compiled(template);
    const scope = new Environment(this.globals);
    const values = withAliases(context);
    for (const name of compiled.variables) {
      if (Object.hasOwn(values, name)) scope.set(name, values[name]);
      else if (!Object.hasOwn(CONSTANTS, name) && name !== 'loop') {
        throw new InterpolationError(
          `the template ${quote(template)} reads "${name}", which is not available here (known: ${Object.keys(values).sort().join(', ')})`,
        );
      }
    }
    for (const name of compiled.functions) {
      if (!this.globals.variables.has(name))
        throw new InterpolationError(`the template ${quote(template)} calls "${name}", which is not a known macro`);
    }
    try {
      const result = new Interpreter(scope).run(compiled.program);
      return typeof result.value === 'string' ? result.value : pythonStrOf(result);
    } catch (error) {
      if (error instanceof InterpolationError)
        throw new InterpolationError(`the template ${quote(template)} failed: ${error.message}`);
      throw new InterpolationError(`the template ${quote(template)} failed: ${(error as Error).message}`);
    }
  }

  private compiled(template: string): CompiledTemplate {
    let compiled = this.cache.get(template);
    if (compiled !== undefined) return compiled;
    try {
      compiled = compileTemplate(template);
    } catch (error) {
      throw new InterpolationError(`the template ${quote(template)} is not valid Jinja: ${(error as Error).message}`);
    }
    if (this.cache.size >= this.cacheSize) this.cache.clear();
    this.cache.set(template, compiled);
    return compiled;
  }
}

function withAliases(context: InterpolationContext): Record<string, unknown> {
  const values: Record<string, unknown> = { ...context };
  for (const [alias, name] of Object.entries(ALIASES))
    if (!Object.hasOwn(values, alias) && Object.hasOwn(values, name)) values[alias] = values[name];
  return values;
}

function quote(template: string): string {
  return JSON.stringify(template.length > 120 ? `${template.slice(0, 117)}...` : template);
}
