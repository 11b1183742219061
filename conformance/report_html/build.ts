/**
 * `paddle-conformance report <run.json>... --out <file.html>`: reads saved
 * runs and writes the compatibility page. The --out path is checked before the
 * page is rendered, as run checks its report paths, and the page is written
 * through a temporary file and a rename, so a failure never leaves half a page.
 */
import { prepareReportPath, writeReportFile } from '../report_file.js';
import { pageData } from './model.js';
import { renderPage } from './page.js';
import { loadRunFile } from './run_file.js';

/** What a built page holds, for the command's closing line. */
export interface BuiltPage {
  /** Where it was written. */
  out: string;
  /** Its columns: the ports' names. */
  ports: string[];
  /** Its rows. */
  cases: number;
  /** Its size in bytes. */
  bytes: number;
  /** Folders created for it. */
  created: string[];
}

/** Builds the page from the run reports and writes it to `out` (`-`: to `stdout`); throws RunFileError or ReportPathError. */
export function buildReportPage(files: readonly string[], out: string, stdout?: (text: string) => void): BuiltPage {
  // The inputs first: a bad one then leaves nothing behind, not even a folder made for --out.
  const data = pageData(files.map(loadRunFile));
  const { created } = prepareReportPath(out);
  const html = renderPage(data);
  writeReportFile(out, html, stdout);
  return { out, ports: data.ports.map((p) => p.name), cases: data.cases.length, bytes: Buffer.byteLength(html), created };
}
