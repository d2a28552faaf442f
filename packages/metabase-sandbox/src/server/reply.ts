// What a route answers. JSON bodies are lazy sequences of string pieces, so a 40 MB array is
// generated record by record while it is written, never held whole.
export interface JsonBody {
  /** The body as string pieces; concatenated they are valid JSON. */
  pieces(): Iterable<string>;
  /** How many pieces `pieces()` yields (used to cut a body "halfway"). */
  pieceCount: number;
}

export type Reply =
  | { status: number; kind: 'text'; text: string; headers?: Record<string, string> }
  | { status: number; kind: 'json'; body: JsonBody; headers?: Record<string, string> }
  | { status: 204; kind: 'empty'; headers?: Record<string, string> };

export function textReply(status: number, text: string, headers?: Record<string, string>): Reply {
  return headers === undefined ? { status, kind: 'text', text } : { status, kind: 'text', text, headers };
}

export function jsonReply(value: unknown, status = 200, headers?: Record<string, string>): Reply {
  const text = JSON.stringify(value);
  const body: JsonBody = { pieces: () => [text], pieceCount: 1 };
  return headers === undefined ? { status, kind: 'json', body } : { status, kind: 'json', body, headers };
}

/** A JSON array of `ids.length` records, each serialised only when it is written. */
export function streamedArray(
  ids: ArrayLike<number>,
  toJson: (id: number) => string,
  prefix = '[',
  suffix = ']',
): Reply {
  const count = ids.length;
  return {
    status: 200,
    kind: 'json',
    body: {
      pieceCount: count + 2,
      *pieces() {
        yield prefix;
        for (let i = 0; i < count; i++) {
          const json = toJson(ids[i] ?? 0);
          yield i === 0 ? json : `,${json}`;
        }
        yield suffix;
      },
    },
  };
}

export const NOT_FOUND = (): Reply => textReply(404, 'Not found.');
export const NO_ENDPOINT = (): Reply => textReply(404, 'API endpoint does not exist.');
export const FORBIDDEN = (): Reply => textReply(403, "You don't have permissions to do that.");
export const UNAUTHENTICATED = (): Reply => textReply(401, 'Unauthenticated');
export const STILL_INITIALIZING = 'Metabase is still initializing. Please sit tight...';
