/**
 * How Jinja under Python prints a value: `str()` at the top of an output, `repr()` inside lists and dicts. The CDK
 * then reads the printed text back as a Python literal, so `{{ [1, 'a'] }}` must print `[1, 'a']`, `{{ x is none }}`
 * `True`, and `{{ 4 / 2 }}` `2.0`, exactly as Python would.
 */
import { isRuntimeValue, type RuntimeValue } from './jinja-runtime.js';
import { timedeltaText } from './iso-duration.js';
import { pythonStr, type PyDateTime } from './python-datetime.js';
import { datetimeMarker, timedeltaMarker } from './python-objects.js';

/** Python's repr of a float: `2.0`, `0.1`, `1e-07`, `1e+16`. */
export function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  const text = String(value);
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's repr of a string: single quotes unless the text holds a single quote and no double quote. */
export function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') out += '\\\\';
    else if (char === quote) out += `\\${quote}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}

function mapping(value: RuntimeValue): Map<string, RuntimeValue> | undefined {
  return value.value instanceof Map ? (value.value as Map<string, RuntimeValue>) : undefined;
}

export function datetimeOf(value: RuntimeValue): PyDateTime | undefined {
  const marker = mapping(value)?.get(datetimeMarker)?.value;
  return Array.isArray(marker)
    ? { us: Number((marker[0] as RuntimeValue).value), offsetMin: Number((marker[1] as RuntimeValue).value) }
    : undefined;
}

function timedeltaUs(value: RuntimeValue): number | undefined {
  const marker = mapping(value)?.get(timedeltaMarker)?.value;
  return typeof marker === 'number' ? marker : undefined;
}

/** `str(value)` as Jinja prints an output. Undefined prints nothing. */
export function pythonStrOf(value: RuntimeValue): string {
  switch (value.type) {
    case 'StringValue':
      return value.value as string;
    case 'UndefinedValue':
      return '';
    default: {
      const dt = datetimeOf(value);
      if (dt !== undefined) return pythonStr(dt);
      const delta = timedeltaUs(value);
      return delta === undefined ? pythonRepr(value) : timedeltaText(delta);
    }
  }
}

/** `repr(value)`. */
export function pythonRepr(value: RuntimeValue): string {
  switch (value.type) {
    case 'StringValue':
      return stringRepr(value.value as string);
    case 'IntegerValue':
      return String(value.value);
    case 'FloatValue':
      return floatRepr(value.value as number);
    case 'BooleanValue':
      return value.value === true ? 'True' : 'False';
    case 'NullValue':
    case 'UndefinedValue':
      return 'None';
    case 'TupleValue': {
      const items = (value.value as RuntimeValue[]).map(pythonRepr);
      return items.length === 1 ? `(${items[0] ?? ''},)` : `(${items.join(', ')})`;
    }
    case 'ArrayValue':
      return `[${(value.value as RuntimeValue[]).map(pythonRepr).join(', ')}]`;
    case 'FunctionValue':
      return '<function>';
    default: {
      const dt = datetimeOf(value);
      if (dt !== undefined) return stringRepr(pythonStr(dt));
      const entries = mapping(value);
      if (entries === undefined) return isRuntimeValue(value) ? String(value.value) : '';
      const parts: string[] = [];
      for (const [key, entry] of entries)
        if (entry.type !== 'FunctionValue') parts.push(`${stringRepr(key)}: ${pythonRepr(entry)}`);
      return `{${parts.join(', ')}}`;
    }
  }
}
