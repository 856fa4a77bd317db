import { InvalidArgumentError } from 'commander';

/** Most seeds one `--seeds` list may hold: each is a whole run. */
export const MAX_SEEDS = 1000;
/** Largest seed a scenario accepts (the schema's bound). */
const MAX_SEED = 2 ** 32 - 1;

/**
 * Parses `--seeds`: comma-separated seeds or inclusive ranges, e.g. `1..10`, `1,2,5`, `1..3,7`.
 * Duplicates are dropped, order kept. Throws commander's InvalidArgumentError (exit 2) on anything else.
 */
export function parseSeedList(value: string): number[] {
  const seeds: number[] = [];
  const seen = new Set<number>();
  const add = (n: number) => {
    if (seen.has(n)) return;
    seen.add(n);
    seeds.push(n);
    if (seeds.length > MAX_SEEDS) throw new InvalidArgumentError(`more than ${MAX_SEEDS} seeds.`);
  };
  const seed = (text: string, item: string): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n > MAX_SEED) throw new InvalidArgumentError(`"${item}": expected seeds from 0 to ${MAX_SEED}, as N, A..B or a comma-separated list (e.g. 1..10 or 1,2,5).`);
    return n;
  };
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new InvalidArgumentError(`"${value}": an empty item; expected e.g. 1..10 or 1,2,5.`);
  for (const item of items) {
    const range = /^(\S+?)\.\.(\S+)$/.exec(item);
    if (range === null) {
      add(seed(item, item));
      continue;
    }
    const a = seed(range[1]!, item);
    const b = seed(range[2]!, item);
    if (b < a) throw new InvalidArgumentError(`"${item}": the range runs backwards.`);
    if (b - a >= MAX_SEEDS) throw new InvalidArgumentError(`"${item}": more than ${MAX_SEEDS} seeds.`);
    for (let n = a; n <= b; n++) add(n);
  }
  return seeds;
}
