import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { EXIT } from '../exitCodes.ts';
import { REPORT_FILES } from '../report/report.ts';
import { summaryTable } from '../report/summaryTable.ts';
import { writeReport } from '../report/writeReport.ts';
import { RunLogError } from '../run/readRunLog.ts';
import type { CommandIo } from './CommandIo.ts';

/** `storetwin score <runlog> [--out DIR]`: recomputes every report file of a RunLog offline. Returns the exit code. */
export function scoreCommand(runLogFile: string, options: { readonly out?: string }, io: CommandIo): number {
  if (!existsSync(runLogFile) || !statSync(runLogFile).isFile()) {
    io.err.write(`storetwin score: ${runLogFile}: no such file\n`);
    return EXIT.badInput;
  }
  const outDir = options.out ?? dirname(runLogFile);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    io.err.write(`storetwin score: --out ${outDir}: exists and is not a directory\n`);
    return EXIT.badInput;
  }
  mkdirSync(outDir, { recursive: true });
  try {
    const report = writeReport(outDir, runLogFile, null);
    io.out.write(summaryTable(report));
    io.out.write(`\n  wrote ${Object.values(report.heatmaps).length + 4} files into ${outDir} (${REPORT_FILES.report}, ${REPORT_FILES.html}, ${REPORT_FILES.summary}, ${REPORT_FILES.junit}, heatmaps)\n`);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof RunLogError) {
      io.err.write(`storetwin score: ${err.message.replace(/^bench: /, '')}\n`);
      return EXIT.badInput;
    }
    throw err;
  }
}
