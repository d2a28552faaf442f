// `sandbox.mutate`: changes for incremental-sync tests, visible to every later request.
import type { World } from './data/world.js';
import type { SandboxMutations } from './types.js';

export function createMutations(world: World, now: () => number): SandboxMutations {
  const { cards, collections, dashboards, overlay } = world;
  const requireCard = (id: number): void => {
    if (!cards.exists(id)) throw new RangeError(`no card ${id}`);
  };
  return {
    touchCard(id, at) {
      requireCard(id);
      const patch = overlay.cards.get(id) ?? {};
      overlay.cards.set(id, {
        ...patch,
        updatedMs: (at ?? new Date(now())).getTime(),
        editorId: 1,
        revision: (patch.revision ?? 0) + 1,
      });
      overlay.version++;
    },
    touchDashboard(id, at, options) {
      if (!dashboards.exists(id)) throw new RangeError(`no dashboard ${id}`);
      const ms = (at ?? new Date(now())).getTime();
      const before = overlay.dashboardEdits.get(id);
      overlay.dashboardEdits.set(
        id,
        options?.cardsOnly === true ? { ...before, editedMs: ms } : { editedMs: ms, updatedMs: ms },
      );
      overlay.version++;
    },
    archiveCard(id) {
      requireCard(id);
      overlay.cards.set(id, { ...overlay.cards.get(id), archived: true, updatedMs: now(), editorId: 1 });
      overlay.version++;
    },
    addDashboard(collectionId, name) {
      if (collectionId !== 'root' && (!collections.exists(collectionId) || collectionId === collections.trashId)) {
        throw new RangeError(`no collection ${collectionId}`);
      }
      const id = dashboards.count() + 1;
      overlay.dashboards.push({
        id,
        collectionId: collectionId === 'root' ? null : collectionId,
        name: name ?? `New Dashboard ${id}`,
        createdMs: now(),
      });
      overlay.version++;
      return { id };
    },
  };
}
