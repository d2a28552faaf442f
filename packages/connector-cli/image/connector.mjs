// What the image scripts know of a connector, read from its package directory: the package's name and version,
// its one bin (the bundle the image runs) and metadata.yaml's dockerRepository (the image's name).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's directory (where the image scripts live). */
export const connectorCliDir = fileURLToPath(new URL('../', import.meta.url));

/** The workspace root above `dir` (the folder holding pnpm-workspace.yaml): the image's build context. */
export function workspaceRoot(dir) {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(join(at, 'pnpm-workspace.yaml'))) return at;
    if (dirname(at) === at) throw new Error(`${dir} is not inside a pnpm workspace (no pnpm-workspace.yaml above it)`);
  }
}

/**
 * The connector in `dir` (default: the current directory, as `pnpm --filter X run image` runs it there).
 * Paths in the result are relative to the workspace root, with forward slashes, as the Dockerfile uses them.
 */
export function readConnector(dir = process.cwd()) {
  const packageDir = resolve(dir);
  const root = workspaceRoot(packageDir);
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const bins = Object.entries(manifest.bin ?? {});
  if (bins.length !== 1)
    throw new Error(
      `${packageDir}/package.json must name exactly one bin (the connector's command), found ${bins.length}`,
    );
  const [[bin, binFile]] = bins;
  const metadataFile = join(packageDir, 'metadata.yaml');
  if (!existsSync(metadataFile))
    throw new Error(`${metadataFile} is missing: the image's name is its data.dockerRepository`);
  const repository = /^\s*dockerRepository:\s*"?([^"\s]+)"?\s*$/m.exec(readFileSync(metadataFile, 'utf8'))?.[1];
  if (repository === undefined) throw new Error(`${metadataFile} has no data.dockerRepository`);
  const posix = (path) => path.split('\\').join('/');
  return {
    packageDir,
    root,
    dir: posix(relative(root, packageDir)),
    cliDir: posix(relative(root, connectorCliDir)).replace(/\/$/, ''),
    packageName: manifest.name,
    version: manifest.version,
    bin,
    /** The bundle, relative to the package directory (dist/<bin>.js). */
    bundle: posix(binFile).replace(/^\.\//, ''),
    repository,
    tag: `${repository}:${manifest.version}`,
  };
}
