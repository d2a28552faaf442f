/**
 * Parses a template with @huggingface/jinja and adjusts its syntax tree to the CDK's Jinja: the CDK's filters become
 * calls of template functions, `+`/`-` next to a datetime macro become a datetime operation, and every output is
 * printed as Python prints it. It also lists the variables the template reads, so an unknown name fails as in the CDK.
 */
import { parse, tokenize } from './jinja-runtime.js';

type Node = { type: string } & Record<string, unknown>;

export interface CompiledTemplate {
  readonly program: unknown;
  /** Names read as variables (not functions, loop variables or assignments). */
  readonly variables: ReadonlySet<string>;
  /** Function names called. */
  readonly functions: ReadonlySet<string>;
}

export const CDK_FILTERS = new Set([
  'string',
  'hash',
  'base64encode',
  'base64decode',
  'base64binascii_decode',
  'regex_search',
  'hmac',
]);
const DATETIME_MACROS = new Set(['now_utc', 'str_to_datetime', 'duration']);
const STATEMENTS_WITH_BODIES: Record<string, string[]> = {
  If: ['body', 'alternate'],
  For: ['body', 'defaultBlock'],
  Program: ['body'],
};
const NOT_OUTPUT = new Set([
  'If',
  'For',
  'Set',
  'Macro',
  'Comment',
  'Break',
  'Continue',
  'CallStatement',
  'FilterStatement',
  'StringLiteral',
]);

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
const identifier = (value: string): Node => ({ type: 'Identifier', value });
const call = (name: string, args: unknown[]): Node => ({ type: 'CallExpression', callee: identifier(name), args });

export function compileTemplate(text: string): CompiledTemplate {
  const program = parse(tokenize(text)) as Node;
  wrapOutputs(program);
  const rewritten = transform(program);
  const names: Names = { variables: new Set(), functions: new Set(), declared: new Set() };
  analyse(rewritten, names);
  for (const name of names.declared) {
    names.variables.delete(name);
    names.functions.delete(name);
  }
  return { program: rewritten, variables: names.variables, functions: names.functions };
}

/** Rewrites children first, then the node. */
function transform(node: Node): Node {
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        if (isNode(item)) value[index] = transform(item);
      });
    }
    if (value instanceof Map) {
      for (const [k, v] of value as Map<unknown, unknown>) if (isNode(v)) value.set(k, transform(v));
    } else if (isNode(value) && key !== 'operator') node[key] = transform(value);
  }
  return rewrite(node);
}

/** Each printed expression goes through `__py_str`, Python's str(). */
function wrapOutputs(node: Node): void {
  for (const key of STATEMENTS_WITH_BODIES[node.type] ?? []) {
    const body = node[key];
    if (!Array.isArray(body)) continue;
    body.forEach((statement, index) => {
      if (!isNode(statement)) return;
      if (NOT_OUTPUT.has(statement.type)) wrapOutputs(statement);
      else body[index] = call('__py_str', [statement]);
    });
  }
}

function rewrite(node: Node): Node {
  if (node.type === 'FilterExpression') {
    const filter = node.filter as Node;
    const name =
      filter.type === 'Identifier' ? String(filter.value) : String((filter.callee as Node | undefined)?.value);
    if (CDK_FILTERS.has(name))
      return call(`__filter_${name}`, [node.operand, ...((filter.args as unknown[] | undefined) ?? [])]);
  }
  if (node.type === 'BinaryExpression') {
    const operator = (node.operator as { value?: string }).value;
    if ((operator === '+' || operator === '-') && (usesDatetimeMacro(node.left) || usesDatetimeMacro(node.right))) {
      return call('__datetime_op', [{ type: 'StringLiteral', value: operator }, node.left, node.right]);
    }
  }
  return node;
}

function usesDatetimeMacro(node: unknown): boolean {
  if (!isNode(node)) return false;
  if (
    node.type === 'CallExpression' &&
    isNode(node.callee) &&
    node.callee.type === 'Identifier' &&
    DATETIME_MACROS.has(String(node.callee.value))
  )
    return true;
  if (
    node.type === 'CallExpression' &&
    isNode(node.callee) &&
    node.callee.type === 'Identifier' &&
    node.callee.value === '__datetime_op'
  )
    return true;
  return ['left', 'right', 'object', 'operand'].some((key) => usesDatetimeMacro(node[key]));
}

interface Names {
  variables: Set<string>;
  functions: Set<string>;
  declared: Set<string>;
}

/** Collects the names a template reads as variables, calls as functions, or declares (loops, set, macros). */
function analyse(node: unknown, names: Names): void {
  if (Array.isArray(node)) {
    for (const item of node) analyse(item, names);
    return;
  }
  if (node instanceof Map) {
    for (const [key, value] of node as Map<unknown, unknown>) analyse([key, value], names);
    return;
  }
  if (!isNode(node)) return;
  const declare = (target: unknown): void => {
    if (!isNode(target)) return;
    if (target.type === 'Identifier') names.declared.add(String(target.value));
    if (Array.isArray(target.value)) target.value.forEach(declare);
    if (isNode(target.key)) declare(target.key);
  };
  switch (node.type) {
    case 'Identifier':
      names.variables.add(String(node.value));
      return;
    case 'CallExpression':
      if (isNode(node.callee) && node.callee.type === 'Identifier') names.functions.add(String(node.callee.value));
      else analyse(node.callee, names);
      analyse(node.args, names);
      return;
    case 'MemberExpression':
      analyse(node.object, names);
      if (node.computed === true) analyse(node.property, names);
      return;
    case 'FilterExpression':
      analyse(node.operand, names);
      if (isNode(node.filter) && node.filter.type === 'CallExpression') analyse(node.filter.args, names);
      return;
    case 'TestExpression':
      analyse(node.operand, names);
      return;
    case 'KeywordArgumentExpression':
      analyse(node.value, names);
      return;
    case 'For':
    case 'Set':
    case 'Macro':
      declare(node.loopvar ?? node.assignee ?? node.name);
      if (node.type === 'Macro') (node.args as unknown[]).forEach(declare);
      break;
    default:
  }
  for (const [key, value] of Object.entries(node))
    if (!['type', 'operator', 'loopvar', 'assignee', 'name'].includes(key)) analyse(value, names);
}
