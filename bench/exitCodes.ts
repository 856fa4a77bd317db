/** Exit codes of the `storetwin` command: 0 done, 1 the run or its scoring failed, 2 bad input (nothing written). */
export const EXIT = { ok: 0, crashed: 1, badInput: 2 } as const;

/** Exit codes of a run stopped by a signal, by the shell's convention 128 + the signal's number. */
const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/** The exit code of a run stopped by `signal` (SIGINT 130, SIGTERM 143); EXIT.crashed for anything else. */
export function exitCodeOfSignal(signal: string): number {
  return SIGNAL_EXIT[signal] ?? EXIT.crashed;
}
