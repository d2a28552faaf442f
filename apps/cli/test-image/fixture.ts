// What `pnpm test:image` (connector-image test) runs the Metabase image against: the sandbox on the host, over HTTPS
// with its own CA given in the config (the container trusts nothing else).
import { expect } from 'vitest';
import { startSandbox } from '@mb-airbyte/metabase-sandbox';
import type { StartImageFixture } from '@mb-airbyte/connector-cli/testing';

export const startImageFixture: StartImageFixture = async ({ slow }) => {
  // Slow answers (about 200 ms each) over more data keep a read going long after its first record.
  const sandbox = await startSandbox(
    slow ? { scale: 5, seed: 7, faults: 'slow', slowLatencyMs: 200 } : { scale: 1, seed: 7 },
  );
  const { username, password } = sandbox.credentials;
  const config = { instance_api_url: sandbox.url, username, password, ca_certificate: sandbox.caPem };
  return {
    config,
    failingConfig: { ...config, password: 'not-the-password-4e1d' },
    verifyRead: (records) => {
      expect((records.cards ?? []).map((card) => (card as { id: number }).id)).toEqual(
        sandbox.expected.cards().map((card) => card.id),
      );
    },
    stop: () => sandbox.stop(),
  };
};
