/**
 * One record on its way to the writer. A record read from a body keeps its exact JSON text, which the writer copies
 * through as is; it is parsed only if something (a transform, the cursor filter, a parent partition) asks for `value`.
 */
const UNPARSED: unique symbol = Symbol('unparsed');

export class SelectedRecord {
  private parsed: unknown = UNPARSED;
  private text: string | undefined;

  private constructor(json: string | undefined, value: unknown) {
    this.text = json;
    if (json === undefined) this.parsed = value;
  }

  /** A record from JSON text that has no raw line breaks (the record selector guarantees this). */
  static fromJson(json: string): SelectedRecord {
    return new SelectedRecord(json, undefined);
  }

  static fromValue(value: unknown): SelectedRecord {
    return new SelectedRecord(undefined, value);
  }

  /** The parsed value (parsed once, on first use). */
  get value(): unknown {
    if (this.parsed === UNPARSED) this.parsed = JSON.parse(this.text ?? 'null') as unknown;
    return this.parsed;
  }

  /** Compact JSON on one line. */
  get json(): string {
    if (this.text !== undefined) return this.text;
    // JSON.stringify returns undefined for undefined and functions, whatever its declared type says.
    const text = JSON.stringify(this.parsed) as unknown;
    this.text = typeof text === 'string' ? text : 'null';
    return this.text;
  }

  /** True when the value is a JSON object (what a RECORD's `data` must be), checked without parsing when possible. */
  get isObject(): boolean {
    if (this.text !== undefined && this.parsed === UNPARSED) return this.text.charCodeAt(0) === 0x7b;
    const value = this.value;
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}
