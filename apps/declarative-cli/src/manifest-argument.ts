/** `--manifest FILE` (or `--manifest=FILE`) taken out of the arguments; the rest go to the common command line. */
export interface ManifestArgument {
  manifestFile?: string;
  rest: string[];
  problem?: string;
}

export function takeManifestArgument(argv: readonly string[]): ManifestArgument {
  const rest: string[] = [];
  let manifestFile: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--manifest' || arg.startsWith('--manifest=')) {
      const value = arg === '--manifest' ? argv[++index] : arg.slice('--manifest='.length);
      if (value === undefined || value === '' || value.startsWith('--'))
        return { rest, problem: 'option --manifest needs a file' };
      if (manifestFile !== undefined) return { rest, problem: 'option --manifest is given twice' };
      manifestFile = value;
    } else {
      rest.push(arg);
    }
  }
  return manifestFile === undefined ? { rest } : { manifestFile, rest };
}
