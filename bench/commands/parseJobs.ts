import { InvalidArgumentError } from 'commander';

/**
 * Parses `--jobs`: how many seeds of `--seeds` run at once, a whole number >= 1. Throws commander's
 * InvalidArgumentError (exit 2) on anything else. More jobs than seeds is allowed (one worker per seed).
 */
export function parseJobs(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(`"${value}": expected a whole number of seeds to run at once, 1 or more (e.g. --jobs 2).`);
  }
  return n;
}

/** The error of `--jobs` given without `--seeds`, or null when the two agree. */
export function jobsWithoutSeeds(jobs: number | undefined, seeds: readonly number[] | undefined): string | null {
  if (jobs === undefined || seeds !== undefined) return null;
  return `storetwin: --jobs ${jobs} needs --seeds: it runs that many seeds of the list at once (e.g. --seeds 1..8 --jobs 2); a single run uses one worker for its engine already`;
}
