/** A connector package as the image scripts see it (paths relative to the workspace root use forward slashes). */
export interface Connector {
  packageDir: string;
  root: string;
  dir: string;
  cliDir: string;
  packageName: string;
  version: string;
  bin: string;
  bundle: string;
  repository: string;
  tag: string;
}
export declare const connectorCliDir: string;
export declare function workspaceRoot(dir: string): string;
export declare function readConnector(dir?: string): Connector;
