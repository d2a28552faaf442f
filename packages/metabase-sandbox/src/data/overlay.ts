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

/** An edit of a dashboard: its revision (last-edit-info) moves; its own row's updated_at only if a field changed. */
export interface DashboardEdit {
  editedMs: number;
  /** Set when a dashboard field changed; an edit of its cards alone leaves the dashboard row (updated_at) as it was. */
  updatedMs?: number;
}

export interface Overlay {
  cards: Map<number, CardPatch>;
  dashboardEdits: Map<number, DashboardEdit>;
  dashboards: AddedDashboard[];
  /** When each dashboard was last viewed (GET /api/dashboard/:id), where a view moves its updated_at. */
  dashboardViews: Map<number, number>;
  /** Bumped on every change, so cached indexes know to rebuild. */
  version: number;
}

export function createOverlay(): Overlay {
  return { cards: new Map(), dashboardEdits: new Map(), dashboards: [], dashboardViews: new Map(), version: 0 };
}
