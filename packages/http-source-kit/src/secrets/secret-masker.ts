/**
 * Replaces secrets with `****` in text bound for LOG, TRACE and CONNECTION_STATUS messages. Each secret is also
 * matched in the forms it takes on its way through URLs, forms, JSON strings and base64, longest first so a secret
 * that contains another is hidden whole. Run-time secrets (tokens obtained at login) come from providers asked at
 * each call, so a token refreshed mid-run is masked too.
 */
export const MASK = '****';

function variants(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  const forms = [
    secret,
    uri,
    uri.replace(/%20/g, '+'),
    uri.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    encodeURI(secret),
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1),
  ];
  if (secret.length >= 6) forms.push(Buffer.from(secret, 'utf8').toString('base64'), Buffer.from(secret, 'utf8').toString('base64url'));
  return forms;
}

export class SecretMasker {
  private readonly fixed = new Set<string>();
  private readonly providers: (() => readonly string[])[] = [];
  private cacheKey = '';
  private cache: string[] = [];

  /** Adds known secret values (empty strings are ignored). */
  add(...secrets: readonly string[]): this {
    for (const secret of secrets) if (secret !== '') this.fixed.add(secret);
    return this;
  }

  /** Adds a source of secrets that may change during the run, e.g. `() => authenticator.secrets()`. */
  addProvider(provider: () => readonly string[]): this {
    this.providers.push(provider);
    return this;
  }

  mask(text: string): string {
    let out = text;
    for (const form of this.forms()) if (out.includes(form)) out = out.split(form).join(MASK);
    return out;
  }

  /** Every string inside a JSON-like value, masked (for whole messages). */
  maskDeep<T>(value: T): T {
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.mask(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.walk(item)]));
  }

  private forms(): string[] {
    const secrets = [...this.fixed];
    for (const provider of this.providers) {
      try {
        for (const secret of provider()) if (secret !== '') secrets.push(secret);
      } catch {
        // A provider that cannot answer adds nothing; masking itself must never fail.
      }
    }
    const key = secrets.join('\u0000');
    if (key !== this.cacheKey) {
      this.cacheKey = key;
      const all = new Set(secrets.flatMap(variants));
      all.delete('');
      this.cache = [...all].sort((a, b) => b.length - a.length);
    }
    return this.cache;
  }
}
