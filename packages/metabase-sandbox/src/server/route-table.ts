// Finds the route for a method and path. Literal segments win over `:param` segments, so
// /api/collection/root/items is not taken for /api/collection/:id/items.
import type { Route } from './route.js';

interface CompiledRoute {
  route: Route;
  segments: string[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export interface RouteTable {
  match(method: string, path: string): RouteMatch | undefined;
}

function score(segments: readonly string[]): number {
  return segments.filter((s) => !s.startsWith(':')).length;
}

export function createRouteTable(routes: readonly Route[]): RouteTable {
  const compiled: CompiledRoute[] = routes
    .map((route) => ({ route, segments: route.path.split('/').filter((s) => s !== '') }))
    .sort((a, b) => score(b.segments) - score(a.segments));
  return {
    match(method, path) {
      const parts = path.split('/').filter((s) => s !== '');
      for (const { route, segments } of compiled) {
        if (route.method !== method || segments.length !== parts.length) continue;
        const params: Record<string, string> = {};
        let ok = true;
        for (let i = 0; i < segments.length && ok; i++) {
          const seg = segments[i] ?? '';
          const part = parts[i] ?? '';
          if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(part);
          else ok = seg === part;
        }
        if (ok) return { route, params };
      }
      return undefined;
    },
  };
}
