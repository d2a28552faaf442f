/**
 * What a connector gives the image checks (`connector-image test`) to run against: its `test-image/fixture.ts`
 * exports `startImageFixture`. The container runs with the host's network, so a server on 127.0.0.1 is reachable
 * from it; a config must trust that server's certificate itself (the container has no NODE_EXTRA_CA_CERTS).
 */
export interface ImageFixture {
  /** A config that check accepts and that read reads every stream with. */
  config: Record<string, unknown>;
  /** A config that check answers FAILED for and read fails with (wrong credentials, say). */
  failingConfig: Record<string, unknown>;
  /** Checks what a read of every stream returned: the data of each record, in order, by stream (throw to fail). */
  verifyRead?: (records: Record<string, unknown[]>) => void;
  stop(): Promise<void>;
}

export interface ImageFixtureOptions {
  /** Answer slowly, so that a read lasts seconds after its first record (the SIGTERM check). */
  slow: boolean;
}

export type StartImageFixture = (options: ImageFixtureOptions) => Promise<ImageFixture>;
