import { DEFAULT_TIMEOUTS } from '@mb-airbyte/http-source-kit';
import { describe, expect, it } from 'vitest';
import { metabaseConfigSchema } from './config.js';
import { metabaseHttpOptions } from './http-options.js';

const credential = { kind: 'api_key', apiKey: 'mb_x' } as const;
const optionsFor = (extra: Record<string, unknown>) =>
  metabaseHttpOptions(
    metabaseConfigSchema.parse({ instance_api_url: 'https://mb.example.com', api_key: 'mb_x', ...extra }),
    credential,
  );

describe('metabaseHttpOptions: the waits for an answer', () => {
  it("defaults to the kit's: 5 minutes for the first byte, 60 s between pieces of an answer", () => {
    const options = optionsFor({});
    expect(options.firstByteTimeoutMs).toBe(DEFAULT_TIMEOUTS.firstByteTimeoutMs);
    expect(DEFAULT_TIMEOUTS.firstByteTimeoutMs).toBeGreaterThanOrEqual(300_000);
    expect(options.idleTimeoutMs).toBeUndefined();
    expect(options.noAnswerAdvice).toBe(
      'If this Metabase needs longer to start answering, raise first_byte_timeout_seconds in the source config (now 300).',
    );
  });

  it('takes first_byte_timeout_seconds and idle_timeout_seconds from the config, and refuses values that are not whole seconds', () => {
    const options = optionsFor({ first_byte_timeout_seconds: 600, idle_timeout_seconds: 90 });
    expect(options.firstByteTimeoutMs).toBe(600_000);
    expect(options.idleTimeoutMs).toBe(90_000);
    expect(options.noAnswerAdvice).toContain('(now 600)');
    for (const bad of [0, 1.5, -3, '60'])
      expect(
        metabaseConfigSchema.safeParse({ instance_api_url: 'https://mb.example.com', first_byte_timeout_seconds: bad })
          .success,
        String(bad),
      ).toBe(false);
  });
});
