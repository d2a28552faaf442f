/**
 * What makes a credential unusable in an HTTP header, described without quoting it: a control character (typically
 * the line break a copy-paste brings along) or a character beyond Latin-1 (a typographic quote, a zero-width space),
 * which Node refuses to send. Undefined when the value can be sent.
 */
export function headerValueProblem(value: string): string | undefined {
  return characterProblem(
    value,
    (code) => code === 0x7f || (code < 0x20 && code !== 0x09) || code > 0xff,
    'a character HTTP headers cannot carry',
  );
}

/** Control characters (line breaks, tabs, NUL…) in a value such as a user name or password sent in a body. */
export function controlCharacterProblem(value: string): string | undefined {
  return characterProblem(value, (code) => code < 0x20 || code === 0x7f, 'a control character');
}

function characterProblem(value: string, isBad: (code: number) => boolean, kind: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.codePointAt(i) ?? 0;
    if (!isBad(code)) continue;
    const what = code === 0x0a || code === 0x0d ? 'a line break' : code === 0x09 ? 'a tab' : kind;
    const where =
      i === value.length - 1 || (code > 0xffff && i === value.length - 2)
        ? 'at its end'
        : i === 0
          ? 'at its start'
          : `at character ${i + 1} of ${value.length}`;
    return `${what} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) ${where}`;
  }
  return undefined;
}
