import type { Connector } from './connector.mjs';
export declare function renderDockerfile(connector: Connector): string;
export declare function renderDockerignore(connector: Connector): string;
export declare function writeDockerfile(connector: Connector): string[];
