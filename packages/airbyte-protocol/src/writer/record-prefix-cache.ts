/** Bound on cached envelopes; a connector has a handful of streams, this only guards against misuse. */
const MAX_ENTRIES = 1024;

/**
 * Caches the serialised start of a RECORD line per (stream, namespace), `{"type":"RECORD","record":{"stream":…,"data":`,
 * so the writer's fast path does not re-serialise the stream name for every record.
 */
export class RecordPrefixCache {
  private readonly plain = new Map<string, string>();
  private readonly namespaced = new Map<string, Map<string, string>>();

  get(stream: string, namespace?: string): string {
    const byStream = namespace === undefined ? this.plain : this.namespaceMap(namespace);
    let prefix = byStream.get(stream);
    if (prefix === undefined) {
      if (byStream.size >= MAX_ENTRIES) byStream.clear();
      const ns = namespace === undefined ? '' : ',"namespace":' + JSON.stringify(namespace);
      prefix = '{"type":"RECORD","record":{"stream":' + JSON.stringify(stream) + ns + ',"data":';
      byStream.set(stream, prefix);
    }
    return prefix;
  }

  private namespaceMap(namespace: string): Map<string, string> {
    let map = this.namespaced.get(namespace);
    if (map === undefined) {
      if (this.namespaced.size >= MAX_ENTRIES) this.namespaced.clear();
      map = new Map();
      this.namespaced.set(namespace, map);
    }
    return map;
  }
}
