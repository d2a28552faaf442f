#!/usr/bin/env node
// Fails when the TypeScript files under a folder import each other in a cycle, type-only imports included: a cycle
// makes the reading order of a package undefined and usually means a type lives in the wrong file.
// Usage: node scripts/check-import-cycles.mjs <folder>   (from a package: node ../../scripts/check-import-cycles.mjs src)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'src');
const specifier =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceFiles(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.(test|d)\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(file) {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const found = new Set();
  for (const match of text.matchAll(specifier)) {
    const target = resolve(dirname(file), (match[1] ?? match[2]).replace(/\.js$/, '.ts'));
    found.add(target.endsWith('.ts') ? target : `${target}.ts`);
  }
  return [...found];
}

const files = sourceFiles(root);
const graph = new Map(files.map((file) => [file, importsOf(file).filter((target) => files.includes(target))]));

// Tarjan's strongly connected components: every component of more than one file (or a file importing itself) is a cycle.
let index = 0;
const order = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function visit(file) {
  order.set(file, index);
  low.set(file, index++);
  stack.push(file);
  onStack.add(file);
  for (const next of graph.get(file) ?? []) {
    if (!order.has(next)) {
      visit(next);
      low.set(file, Math.min(low.get(file), low.get(next)));
    } else if (onStack.has(next)) low.set(file, Math.min(low.get(file), order.get(next)));
  }
  if (low.get(file) !== order.get(file)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(member);
  } while (member !== file);
  if (component.length > 1 || graph.get(file)?.includes(file)) cycles.push(component);
}
for (const file of files) if (!order.has(file)) visit(file);

if (cycles.length > 0) {
  for (const cycle of cycles)
    console.error(
      `import cycle: ${cycle
        .map((file) => relative(process.cwd(), file))
        .sort()
        .join(' <-> ')}`,
    );
  process.exit(1);
}
console.log(`no import cycles among ${files.length} files under ${relative(process.cwd(), root) || '.'}`);
