/** Exit codes of the `storetwin` command: 0 done, 1 the run or its scoring failed, 2 bad input (nothing written). */
export const EXIT = { ok: 0, crashed: 1, badInput: 2 } as const;
