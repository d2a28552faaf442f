/**
 * The bridge to @huggingface/jinja's runtime values. The library is an interpreter over its own value types (a
 * template reaches only the values and functions put into its environment, never JavaScript objects, prototypes or
 * constructors), and exports only its Environment and Interpreter, so the few value classes needed here are taken
 * from values it creates.
 */
import * as library from '@huggingface/jinja';

/** A value inside the template runtime: `type` is its class name ("StringValue", "ObjectValue", …). */
export interface RuntimeValue {
  readonly type: string;
  readonly value: unknown;
}

/** The library's scope of variables (its own .d.ts files do not resolve under NodeNext, so they are typed here). */
export interface JinjaEnvironment {
  readonly variables: Map<string, RuntimeValue>;
  set(name: string, value: unknown): RuntimeValue;
  setVariable(name: string, value: RuntimeValue): RuntimeValue;
}

interface JinjaLibrary {
  Environment: new (parent?: JinjaEnvironment) => JinjaEnvironment;
  Interpreter: new (environment: JinjaEnvironment) => { run(program: unknown): RuntimeValue };
  parse: (tokens: unknown) => unknown;
  tokenize: (source: string) => unknown;
}

const jinja = library as unknown as JinjaLibrary;
export const { Environment, Interpreter, parse, tokenize } = jinja;

type RawFunction = (args: RuntimeValue[]) => RuntimeValue;

const probe = new Environment();
const FunctionValue = probe.set('f', () => null).constructor as new (fn: RawFunction) => RuntimeValue;

/** A JavaScript value as a runtime value (deep copy: objects become the runtime's own mappings). */
export function toRuntime(value: unknown): RuntimeValue {
  return new Environment().set('converted', value);
}

/** A function the template can call, getting the runtime values themselves (types and keyword arguments kept). */
export function rawFunction(fn: (args: RuntimeValue[]) => unknown): RuntimeValue {
  return new FunctionValue((args) => toRuntime(fn(args)));
}

export function isRuntimeValue(value: unknown): value is RuntimeValue {
  return (
    typeof value === 'object' && value !== null && typeof (value as RuntimeValue).type === 'string' && 'value' in value
  );
}

/** A runtime value back as plain JavaScript (mappings as objects, lists as arrays, functions dropped). */
export function toPlain(value: unknown): unknown {
  const inner = isRuntimeValue(value) ? (value.type === 'UndefinedValue' ? undefined : value.value) : value;
  if (inner instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of inner as Map<string, unknown>) {
      if (!isRuntimeValue(entry) || entry.type !== 'FunctionValue') out[key] = toPlain(entry);
    }
    return out;
  }
  if (Array.isArray(inner)) return inner.map(toPlain);
  if (typeof inner === 'function') return undefined;
  return inner;
}

/** Keyword arguments arrive as the last argument, a "KeywordArgumentsValue" mapping. */
export function splitKeywordArguments(args: RuntimeValue[]): [unknown[], Record<string, unknown>] {
  const last = args[args.length - 1];
  if (last?.type === 'KeywordArgumentsValue')
    return [args.slice(0, -1).map(toPlain), toPlain(last) as Record<string, unknown>];
  return [args.map(toPlain), {}];
}
