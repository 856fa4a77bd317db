import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../exitCodes.ts';
import { RunLogError, readRunLogLines } from '../run/readRunLog.ts';
import { CameraModel } from '../../sim/sensors/camera/CameraModel.ts';
import { bodyBoxPx } from '../../sim/sensors/camera/bodyBox.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';
import type { Appearance } from '../../sim/truth/Truth.ts';
import type { ScenarioJson } from '../run/RunLog.ts';
import { scenarioOfRunLog } from '../run/scenarioOfRunLog.ts';
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

/** The RunLog holds something the export cannot use (a scenario that does not parse, a shopper never spawned). */
export class ExportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportInputError';
  }
}

/** One camera's MOTChallenge gt rows. */
export interface CameraGtRows {
  readonly cameraId: string;
  /** `frame,id,left,top,width,height,1,-1,-1,-1` lines, pixels (0-based, 0.01 px), frame = truth sample index + 1. */
  readonly gt: string;
}

/** Pixels to 0.01: finer than any detector, and short rows. */
const px2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * Per-camera 2D truth boxes (MOTChallenge gt): for each camera of the run's scenario and each
 * truth sample, every shopper whose whole-body box (sim/sensors/camera/bodyBox.ts: stature and
 * build from their spawn event, true camera pose) is at least partly in the image. Occlusion is
 * not applied. Frames number as in motRowsOfRun (truth sample index + 1); ids are shopper ids.
 * A run whose header declares no cameras gives none (and is not re-parsed).
 */
export function cameraGtRowsOfRun(run: RunData): CameraGtRows[] {
  // Hand-made logs may carry only part of a scenario: no cameras there means no camera files.
  const decls = (run.header.scenarioJson as Partial<ScenarioJson>).sensors?.cameras ?? [];
  if (decls.length === 0) return [];
  let scenario: Scenario;
  try {
    scenario = scenarioOfRunLog(run.header);
  } catch (err) {
    throw new ExportInputError((err as Error).message);
  }
  const look = new Map<number, Appearance>();
  for (const e of run.events) if (e.kind === 'spawn') look.set(e.shopper.id, e.shopper.appearance);
  const box = new Float64Array(4);
  return scenario.sensors.cameras.map((decl) => {
    const cam = CameraModel.fromDecl(decl, scenario.dtS);
    const rows: string[] = [];
    run.truth.forEach((tf, k) => {
      for (let i = 0; i < tf.ids.length; i++) {
        const id = tf.ids[i]!;
        const a = look.get(id);
        if (a === undefined) throw new ExportInputError(`bench: truth sample at t=${tf.t} s has shopper ${id}, who has no spawn event (their stature and build are unknown)`);
        if (!bodyBoxPx(cam, tf.xy[2 * i]!, tf.xy[2 * i + 1]!, a.heightM, a.build, box)) continue;
        const l = px2(box[0]!);
        const t = px2(box[1]!);
        rows.push(`${k + 1},${id},${l},${t},${px2(px2(box[2]!) - l)},${px2(px2(box[3]!) - t)},1,-1,-1,-1`);
      }
    });
    return { cameraId: decl.id, gt: rows.join('\n') + (rows.length ? '\n' : '') };
  });
}

/** `storetwin export <runlog> --format mot --out DIR`: writes gt.txt and hyp.txt (floor plane) and truth/<cameraId>/gt.txt (2D boxes per camera). Returns the exit code. */
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
  let cameras: CameraGtRows[];
  try {
    run = collectRun(readRunLogLines(runLogFile));
    cameras = cameraGtRowsOfRun(run);
  } catch (err) {
    if (err instanceof RunLogError || err instanceof ExportInputError || (err as NodeJS.ErrnoException).code === 'ENOENT') {
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
  if (hyp === '') io.err.write(`storetwin export: ${join(options.out, 'hyp.txt')} is empty: the RunLog has no engine tracks (a run with --no-engine, or an engine that reported none)\n`);
  for (const c of cameras) {
    const dir = join(options.out, 'truth', c.cameraId);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'gt.txt'), c.gt);
  }
  if (cameras.length > 0) {
    io.out.write(`wrote ${join(options.out, 'truth', '<camera>', 'gt.txt')} for ${cameras.length} camera(s) (${cameras.map((c) => c.cameraId).join(', ')}): truth boxes frame,id,left,top,width,height,1,-1,-1,-1 (pixels, whole body, occlusion not applied; frame as gt.txt). Score 2D tracks with: storetwin mot <camera gt> <hyp>\n`);
  }
  return EXIT.ok;
}
