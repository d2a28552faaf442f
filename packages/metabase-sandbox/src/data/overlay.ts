// Changes made through `sandbox.mutate`, layered over the generated data.

export interface CardPatch {
  updatedMs?: number;
  archived?: boolean;
  editorId?: number;
  revision?: number;
}

export interface AddedDashboard {
  id: number;
  collectionId: number | null;
  name: string;
  createdMs: number;
}

export interface Overlay {
  cards: Map<number, CardPatch>;
  dashboards: AddedDashboard[];
  /** Bumped on every change, so cached indexes know to rebuild. */
  version: number;
}

export function createOverlay(): Overlay {
  return { cards: new Map(), dashboards: [], version: 0 };
}
