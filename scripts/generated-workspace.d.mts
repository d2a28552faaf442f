export interface GeneratedWorkspace {
  /** The copy's root. */
  root: string;
  /** The generated package, packages/source-<name> in the copy. */
  packageDir: string;
  remove(): Promise<void>;
}
export declare function pnpm(args: string[], cwd: string, timeout?: number): Promise<string>;
export declare function generateInWorkspaceCopy(
  name: string,
  title: string,
  apiUrl: string,
): Promise<GeneratedWorkspace>;
