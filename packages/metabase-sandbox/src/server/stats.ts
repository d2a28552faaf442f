// Request counters exposed through `sandbox.stats()`.
import type { SandboxStats } from '../types.js';

export function createStats(): SandboxStats {
  return {
    logins: 0,
    failedLogins: 0,
    logouts: 0,
    requests: 0,
    requestsByRoute: {},
    faultsInjected: 0,
    faultsByKind: {},
    faultsByRoute: {},
    sessionsExpiredByAge: 0,
    sessionsExpiredByRequests: 0,
    peakInFlight: 0,
    unauthenticated: 0,
  };
}

export function countRoute(stats: SandboxStats, key: string): void {
  stats.requestsByRoute[key] = (stats.requestsByRoute[key] ?? 0) + 1;
}

export function countFault(stats: SandboxStats, kind: string, route: string): void {
  stats.faultsInjected++;
  stats.faultsByKind[kind] = (stats.faultsByKind[kind] ?? 0) + 1;
  stats.faultsByRoute[route] = (stats.faultsByRoute[route] ?? 0) + 1;
}

export function copyStats(stats: SandboxStats): SandboxStats {
  return {
    ...stats,
    requestsByRoute: { ...stats.requestsByRoute },
    faultsByKind: { ...stats.faultsByKind },
    faultsByRoute: { ...stats.faultsByRoute },
  };
}
