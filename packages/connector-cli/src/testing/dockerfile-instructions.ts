/** One Dockerfile instruction: keyword upper-cased, arguments with line continuations joined. */
export interface DockerInstruction {
  keyword: string;
  args: string;
  /** 0-based index of the FROM stage it belongs to. */
  stage: number;
}

/** A small Dockerfile reader for contract tests (comments, continuations, stages); not a full parser. */
export function readDockerfile(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  let stage = -1;
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    const full = `${pending}${line}`.trim();
    pending = '';
    const match = /^(\S+)\s*(.*)$/.exec(full);
    if (match === null) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    if (keyword === 'FROM') stage += 1;
    instructions.push({ keyword, args: match[2] ?? '', stage });
  }
  return instructions;
}

/** `KEY="a b" OTHER=c` (ENV/LABEL syntax) as a map. */
export function readKeyValues(args: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const match of args.matchAll(/([\w.-]+)=("((?:[^"\\]|\\.)*)"|\S+)/g)) {
    values[match[1] ?? ''] = match[3] ?? match[2] ?? '';
  }
  return values;
}
