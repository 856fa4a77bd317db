import type { Command } from 'commander';
import type { CommandIo } from './CommandIo.ts';

const stdio = (): CommandIo => ({ out: process.stdout, err: process.stderr });

/** Adds the scoring commands (`mot`, and more as they land) to the `storetwin` program. Each loads its module on use. */
export function registerScoringCommands(program: Command): void {
  program
    .command('mot')
    .description('HOTA, CLEAR and Identity metrics (TrackEval\'s algorithms) of two MOTChallenge files.')
    .argument('<gt>', 'ground truth, rows frame,id,left,top,width,height,conf,x,y,z')
    .argument('<hyp>', 'tracker output, same format')
    .option('--floor', 'compare x, y (metres, columns 8-9) with max(0, 1 - d / 2 m) instead of box IoU')
    .option('--json', 'print the metrics as JSON')
    .addHelpText('after', '\nGround-truth rows with conf 0 are ignored (MOTChallenge zero-marked). Exit codes: 0 done; 2 a file is missing or malformed (file:line is named).')
    .exitOverride()
    .action(async (gt: string, hyp: string, options: { floor?: boolean; json?: boolean }) => {
      const { motCommand } = await import('./mot.ts');
      process.exitCode = motCommand(gt, hyp, options, stdio());
    });

  program
    .command('score')
    .description('Score a RunLog offline: report.json, report.html, summary.md, junit.xml and heatmaps, as `run` writes them.')
    .argument('<runlog>', 'a runlog.jsonl (timings.jsonl beside it is read too)')
    .option('--out <dir>', 'output folder (default: the RunLog\'s folder)')
    .addHelpText('after', '\nExit codes: 0 done; 2 the RunLog is missing or malformed (file:line is named).')
    .exitOverride()
    .action(async (runlog: string, options: { out?: string }) => {
      const { scoreCommand } = await import('./score.ts');
      process.exitCode = scoreCommand(runlog, options, stdio());
    });

  program
    .command('compare')
    .description('Deltas between two report.json files; exit 1 when a --fail-on rule fires.')
    .argument('<base>', 'base report.json')
    .argument('<head>', 'head report.json')
    .option('--fail-on <rules>', 'comma-separated rules, e.g. "checkout.exactReceiptRate<-1%,latency.p99Ms>+20%" (% = relative change, else absolute)')
    .option('--all', 'list unchanged numbers too')
    .addHelpText('after', '\nExit codes: 0 no regression; 1 a rule fired; 2 a bad file or rule.')
    .exitOverride()
    .action(async (base: string, head: string, options: { failOn?: string; all?: boolean }) => {
      const { compareCommand } = await import('./compare.ts');
      process.exitCode = compareCommand(base, head, options, stdio());
    });

  program
    .command('aggregate')
    .description('Mean and 95 % confidence interval of every number over several report.json files (e.g. one per seed).')
    .argument('<reports...>', 'report.json files')
    .option('--json', 'print JSON')
    .exitOverride()
    .action(async (reports: string[], options: { json?: boolean }) => {
      const { aggregateCommand } = await import('./compare.ts');
      process.exitCode = aggregateCommand(reports, options, stdio());
    });

  program
    .command('export')
    .description('Export a RunLog\'s truth and engine tracks as MOTChallenge files (floor plane), and the truth\'s 2D boxes per camera, readable by TrackEval.')
    .argument('<runlog>', 'a runlog.jsonl')
    .requiredOption('--format <format>', 'mot')
    .requiredOption('--out <dir>', 'output folder (gt.txt, hyp.txt, truth/<camera>/gt.txt)')
    .exitOverride()
    .action(async (runlog: string, options: { format: string; out: string }) => {
      const { exportCommand } = await import('./exportMot.ts');
      process.exitCode = exportCommand(runlog, options, stdio());
    });
}
