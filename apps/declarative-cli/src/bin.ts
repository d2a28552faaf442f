// The `source-declarative-manifest` executable: manifests on the connector CLI (process wiring in runCli).
import { runCli } from '@mb-airbyte/connector-cli';
import { loadSource } from './load-source.js';
import { takeManifestArgument } from './manifest-argument.js';
import { commandVersion } from './version.js';

let manifestFile: string | undefined;
await runCli({
  name: 'source-declarative-manifest',
  version: commandVersion,
  checkTarget: 'against the API the manifest describes',
  extraOptions: [
    '--manifest FILE  the manifest (YAML or JSON); without it, the config key __injected_declarative_manifest',
  ],
  takeArguments: (argv) => {
    const taken = takeManifestArgument(argv);
    manifestFile = taken.manifestFile;
    return taken;
  },
  loadSource: () => loadSource(manifestFile),
});
