// When Metabase compresses an answer: its handler is wrapped in a gzip middleware (ring-gzip-middleware) that gzips a
// 200 whose body is a string of more than 200 characters, or a stream, when the client accepts gzip. A gzipped body
// has no Content-Length: it is sent chunked.

const MIN_STRING_CHARS = 200;

/** Whether an Accept-Encoding header admits gzip: `gzip` or `*`, without `q=0`. */
function acceptsGzip(acceptEncoding: string): boolean {
  return acceptEncoding.split(',').some((entry) => {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (name !== 'gzip' && name !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Whether a reply gets gzipped: `whole` is the body when it is one string, undefined when it is streamed. */
export function gzipWanted(status: number, acceptEncoding: string | undefined, whole: string | undefined): boolean {
  if (acceptEncoding === undefined || status !== 200) return false;
  if (whole !== undefined && whole.length <= MIN_STRING_CHARS) return false;
  return acceptsGzip(acceptEncoding);
}
