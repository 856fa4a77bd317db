import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../exitCodes.ts';
import { RunLogError, readRunLogLines } from '../run/readRunLog.ts';
import type { RunData } from '../score/collectRun.ts';
import { collectRun } from '../score/collectRun.ts';
import { storeTracking } from '../score/storeTracking.ts';
import type { CommandIo } from './CommandIo.ts';

/** MOTChallenge floor rows of a run: truth shoppers inside and the engine's scored tracks, frame = truth sample index + 1. */
export function motRowsOfRun(run: RunData): { gt: string; hyp: string } {
  const st = storeTracking(run);
  const gt: string[] = [];
  const hyp: string[] = [];
  st.sequence.frames.forEach((f, k) => {
    const frame = k + 1;
    const xy = st.gtXy[k]!;
    for (let i = 0; i < f.gtIds.length; i++) gt.push(`${frame},${st.shopperOf[f.gtIds[i]!]},-1,-1,-1,-1,1,${xy[2 * i]},${xy[2 * i + 1]},0`);
    const tf = st.trackFrame[k];
    if (tf === null || tf === undefined) return;
    for (let j = 0; j < f.trackerIds.length; j++) hyp.push(`${frame},${st.trackIdOf[f.trackerIds[j]!]},-1,-1,-1,-1,1,${tf.xy[2 * j]},${tf.xy[2 * j + 1]},0`);
  });
  return { gt: gt.join('\n') + (gt.length ? '\n' : ''), hyp: hyp.join('\n') + (hyp.length ? '\n' : '') };
}

/** `storetwin export <runlog> --format mot --out DIR`: writes gt.txt and hyp.txt (floor plane). Returns the exit code. */
export function exportCommand(runLogFile: string, options: { readonly format: string; readonly out: string }, io: CommandIo): number {
  if (options.format !== 'mot') {
    io.err.write(`storetwin export: --format ${options.format}: unknown; the formats are: mot\n`);
    return EXIT.badInput;
  }
  if (existsSync(options.out) && !statSync(options.out).isDirectory()) {
    io.err.write(`storetwin export: --out ${options.out}: exists and is not a directory\n`);
    return EXIT.badInput;
  }
  let run: RunData;
  try {
    run = collectRun(readRunLogLines(runLogFile));
  } catch (err) {
    if (err instanceof RunLogError || (err as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err.write(`storetwin export: ${(err as Error).message.replace(/^bench: /, '')}\n`);
      return EXIT.badInput;
    }
    throw err;
  }
  const { gt, hyp } = motRowsOfRun(run);
  mkdirSync(options.out, { recursive: true });
  writeFileSync(join(options.out, 'gt.txt'), gt);
  writeFileSync(join(options.out, 'hyp.txt'), hyp);
  io.out.write(`wrote ${join(options.out, 'gt.txt')} and ${join(options.out, 'hyp.txt')}: rows frame,id,-1,-1,-1,-1,conf,x,y,0 (metres; frame = truth sample + 1). Score with: storetwin mot <gt> <hyp> --floor\n`);
  return EXIT.ok;
}
