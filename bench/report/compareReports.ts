/** One `--fail-on` rule: fail when a key's change crosses a bound, relative (%) or absolute. */
export interface FailRule {
  readonly key: string;
  readonly op: '<' | '>';
  readonly bound: number;
  readonly relative: boolean;
  readonly text: string;
}

/** A `--fail-on` expression that cannot be read. */
export class FailOnError extends Error {
  constructor(message: string) {
    super(`bench: --fail-on: ${message}`);
    this.name = 'FailOnError';
  }
}

/**
 * Parses `key<-1%,other.key>+20%,x>0.5`: each rule a dotted report key, `<` or `>`, a signed
 * number, optionally `%` (change relative to base) — without `%` the absolute change.
 */
export function parseFailOn(expr: string): FailRule[] {
  const parts = expr.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) throw new FailOnError('empty expression; expected e.g. "checkout.exactReceiptRate<-1%,latency.p99Ms>+20%"');
  return parts.map((text) => {
    const m = /^([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*([<>])\s*([+-]?\d+(?:\.\d+)?)\s*(%?)$/.exec(text);
    if (m === null) throw new FailOnError(`cannot read "${text}"; expected <key><op><number>[%], e.g. "latency.p99Ms>+20%"`);
    return { key: m[1]!, op: m[2] as '<' | '>', bound: Number(m[3]), relative: m[4] === '%', text };
  });
}

/** Every numeric leaf of a report by dotted key (definitions, files, lists left out), booleans as 0/1. */
export function numericLeaves(report: unknown, prefix = ''): Map<string, number | null> {
  const out = new Map<string, number | null>();
  if (report === null || typeof report !== 'object' || Array.isArray(report)) return out;
  for (const [k, v] of Object.entries(report as Record<string, unknown>)) {
    if (prefix === '' && ['definitions', 'files', 'heatmaps', 'wrongLines', 'version'].includes(k)) continue;
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (typeof v === 'number') out.set(key, v);
    else if (typeof v === 'boolean') out.set(key, v ? 1 : 0);
    else if (v === null) out.set(key, null);
    else if (typeof v === 'object' && !Array.isArray(v)) for (const [kk, vv] of numericLeaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** One row of the comparison. */
export interface Delta {
  readonly key: string;
  readonly base: number | null;
  readonly head: number | null;
  readonly delta: number | null;
  /** Change relative to |base|, null when base is 0 or missing. */
  readonly relative: number | null;
}

/** A rule that fired. */
export interface Regression {
  readonly rule: FailRule;
  readonly delta: Delta;
}

/**
 * The change a rule tests: absolute, or in % of |base|. From a base of 0 any rise is +Infinity %
 * and any fall -Infinity % (a relative rule on a number that was 0 must still fire when it moves).
 */
function ruleChange(rule: FailRule, d: Delta & { delta: number }): number {
  if (!rule.relative) return d.delta;
  if (d.delta === 0) return 0;
  return d.relative === null ? Math.sign(d.delta) * Infinity : 100 * d.relative;
}

/**
 * Deltas of every shared numeric key, and the rules that fire. A rule on a key missing from either
 * report is an error. A rule whose number the head lacks (null) while the base has it fires: the
 * head lost what the rule guards. A rule whose number the base lacks cannot be checked: `unchecked`.
 */
export function compareReports(base: unknown, head: unknown, rules: readonly FailRule[] = []): { deltas: Delta[]; regressions: Regression[]; unchecked: Regression[] } {
  const b = numericLeaves(base);
  const h = numericLeaves(head);
  const keys = [...new Set([...b.keys(), ...h.keys()])];
  const deltas = keys.map((key): Delta => {
    const bv = b.get(key) ?? null;
    const hv = h.get(key) ?? null;
    const delta = bv === null || hv === null ? null : hv - bv;
    return { key, base: bv, head: hv, delta, relative: delta === null || bv === 0 ? null : delta / Math.abs(bv!) };
  });
  const byKey = new Map(deltas.map((d) => [d.key, d]));
  const regressions: Regression[] = [];
  const unchecked: Regression[] = [];
  for (const rule of rules) {
    const d = byKey.get(rule.key);
    if (d === undefined) throw new FailOnError(`"${rule.text}": no number "${rule.key}" in the reports`);
    if (d.base === null) {
      unchecked.push({ rule, delta: d });
      continue;
    }
    if (d.delta === null) {
      regressions.push({ rule, delta: d });
      continue;
    }
    const change = ruleChange(rule, { ...d, delta: d.delta });
    if (rule.op === '<' ? change < rule.bound : change > rule.bound) regressions.push({ rule, delta: d });
  }
  return { deltas, regressions, unchecked };
}
