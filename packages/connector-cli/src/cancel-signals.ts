/**
 * The signals that cancel a run and the exit code each gives (128 + the signal's number, as a shell reports it): the
 * platform cancels a sync with SIGTERM, a person at a terminal with Ctrl-C (SIGINT).
 */
export const CANCEL_SIGNALS = { SIGTERM: 143, SIGINT: 130 } as const;

export type CancelSignal = keyof typeof CANCEL_SIGNALS;

/**
 * The process is gone at most this long after the signal, whatever stdout's reader does: the platform waits only
 * briefly before it kills a container.
 */
export const EXIT_WITHIN_MS = 1_800;

/** Of that, the final messages may take this long to reach stdout (a slow reader must take them in that time). */
export const FINAL_FLUSH_WITHIN_MS = 1_500;
