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
}
