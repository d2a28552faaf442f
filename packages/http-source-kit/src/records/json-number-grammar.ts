/**
 * JSON's number grammar, `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as a byte-at-a-time state machine
 * for the tokenizer. States are small integers so the hot loop stays monomorphic.
 */
const MINUS = 0,
  ZERO = 1,
  INT = 2,
  DOT = 3,
  FRAC = 4,
  E = 5,
  SIGN = 6,
  EXP = 7;

/** What `numberStep` returns when the byte is not part of the number (the number may then end). */
export const NUMBER_CANNOT_CONTINUE = -1;

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The state after the first byte (`-` or a digit). */
export function numberStart(c: number): number {
  return c === 0x2d ? MINUS : c === 0x30 ? ZERO : INT;
}

/** The state after byte `c`, or NUMBER_CANNOT_CONTINUE. */
export function numberStep(state: number, c: number): number {
  const digit = isDigit(c);
  switch (state) {
    case MINUS:
      return digit ? (c === 0x30 ? ZERO : INT) : NUMBER_CANNOT_CONTINUE;
    case ZERO:
    case INT:
      if (digit && state === INT) return INT;
      if (c === 0x2e) return DOT;
      return c === 0x65 || c === 0x45 ? E : NUMBER_CANNOT_CONTINUE;
    case DOT:
      return digit ? FRAC : NUMBER_CANNOT_CONTINUE;
    case FRAC:
      if (digit) return FRAC;
      return c === 0x65 || c === 0x45 ? E : NUMBER_CANNOT_CONTINUE;
    case E:
      if (c === 0x2b || c === 0x2d) return SIGN;
      return digit ? EXP : NUMBER_CANNOT_CONTINUE;
    default: // SIGN, EXP
      return digit ? EXP : NUMBER_CANNOT_CONTINUE;
  }
}

/** Whether a number may end in this state (not after `-`, `.`, `e` or an exponent sign). */
export function numberCanEnd(state: number): boolean {
  return state === ZERO || state === INT || state === FRAC || state === EXP;
}
