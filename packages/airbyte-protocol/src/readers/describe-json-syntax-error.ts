/**
 * Turns a `JSON.parse` SyntaxError into a message with a line and column. V8 sometimes quotes the text around
 * the error (`Unexpected token 'x', "…" is not valid JSON`); that quote is dropped because it may hold a secret.
 */
export function describeJsonSyntaxError(error: unknown, text: string): string {
  const raw = error instanceof Error ? error.message : String(error);
  const quoted = raw.indexOf(', "');
  let message = quoted >= 0 && raw.endsWith('is not valid JSON') ? raw.slice(0, quoted) : raw;
  const position = / in JSON at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  if (position?.[1] !== undefined) {
    const { line, column } = lineAndColumn(text, Number(position[1]));
    message = message.replace(position[0], '') + ` at line ${line}, column ${column}`;
  }
  return message.charAt(0).toLowerCase() + message.slice(1);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: offset - lineStart + 1 };
}
