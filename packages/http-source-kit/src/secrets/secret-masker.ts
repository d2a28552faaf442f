import { base64Cores, maskBase64Runs, mayHoldSecret, secretPattern } from './secret-pattern.js';

/**
 * Replaces secrets with `****` in text bound for LOG, TRACE and CONNECTION_STATUS messages. Each secret is matched in
 * every form it takes on its way through URLs, forms, JSON strings (escaped once or twice), HTML and base64 (also
 * inside a longer encoded text, such as `Basic base64(user:password)`), longest first so a secret that contains
 * another is hidden whole. Run-time secrets (tokens obtained at login) come from providers asked at each call, so a
 * token refreshed mid-run is masked too.
 */
export const MASK = '****';

interface SecretMatcher {
  secret: string;
  pattern: RegExp;
  /** What base64 of any text holding the secret contains (see base64Cores). */
  cores: string[];
}

export class SecretMasker {
  private readonly fixed = new Set<string>();
  private readonly providers: (() => readonly string[])[] = [];
  private cacheKey = '';
  private cache: SecretMatcher[] = [];

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
    for (const { secret, pattern, cores } of this.matchers()) {
      if (mayHoldSecret(out, secret)) out = out.replace(pattern, MASK);
      if (cores.length > 0) out = maskBase64Runs(out, cores, MASK);
    }
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

  private matchers(): SecretMatcher[] {
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
      this.cache = [...new Set(secrets)]
        .sort((a, b) => b.length - a.length)
        .map((secret) => ({ secret, pattern: secretPattern(secret), cores: base64Cores(secret) }));
    }
    return this.cache;
  }
}
