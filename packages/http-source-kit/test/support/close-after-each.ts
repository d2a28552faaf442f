import { afterEach } from 'vitest';

interface Closable {
  close(): Promise<void>;
}

/** Registers an afterEach that closes every tracked resource, newest first (clients before their servers). */
export function closeAfterEach(): <T extends Closable>(resource: T) => T {
  const open: Closable[] = [];
  afterEach(async () => {
    for (const resource of open.splice(0).reverse()) await resource.close();
  });
  return (resource) => {
    open.push(resource);
    return resource;
  };
}
