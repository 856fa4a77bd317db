import type { Report } from './report.ts';
import type { ThresholdResult } from './thresholds.ts';

/** XML-escapes text for an attribute or element. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** junit.xml: one test case per threshold (failed: a <failure>; no value: <skipped>), for CI dashboards. */
export function junitXml(report: Report, results: readonly ThresholdResult[]): string {
  const failures = results.filter((r) => r.outcome === 'fail').length;
  const skipped = results.filter((r) => r.outcome === 'skipped').length;
  const suite = `storetwin.${report.run.scenario}.seed${report.run.seed}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="storetwin" tests="${results.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="${xmlEscape(suite)}" tests="${results.length}" failures="${failures}" skipped="${skipped}">`,
  ];
  for (const r of results) {
    const { key, op, value, reason } = r.threshold;
    const name = `${key} ${op} ${value}`;
    lines.push(`    <testcase classname="${xmlEscape(suite)}" name="${xmlEscape(name)}">`);
    if (r.outcome === 'fail') lines.push(`      <failure message="${xmlEscape(`${key} = ${r.value}, expected ${op} ${value}`)}">${xmlEscape(reason)}</failure>`);
    if (r.outcome === 'skipped') lines.push(`      <skipped message="${xmlEscape(`${key} has no value in this run`)}"/>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
