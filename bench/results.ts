/**
 * Where the benchmarks write their results: a block of docs/performance.md between two markers, one block
 * per benchmark (`npm run bench`, bench/run.ts and bench/server.ts; `npm run bench:editor`,
 * test/integration/bench/index.ts).
 * The prose around the blocks is left as it is.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function performanceDoc(root: string): string {
  return path.join(root, 'docs', 'performance.md');
}

/** The machine a result was measured on, as the blocks name it. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`;
}

/**
 * The printed lines of a benchmark as its block `<!-- name:start -->` … `<!-- name:end -->`, after a line
 * saying what measured them, when, on which machine and under which load, in place of the block's last copy.
 */
export function writeTextBlock(file: string, name: string, measuredBy: string, lines: readonly string[]): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const when = new Date().toISOString().slice(0, 10);
  const block = [start, `Measured by ${measuredBy} on ${when}: ${machine()}; load average ${load} at the end.`, '', '```text', ...lines, '```', end].join('\n');
  replaceBlock(file, start, end, block);
}

/**
 * Puts `block` (markers included) in place of the text from `start` to `end` in `file`; appends it if the
 * markers are missing, and creates the file if there is none.
 */
export function replaceBlock(file: string, start: string, end: string, block: string): void {
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Performance\n';
  // A marker counts only on a line of its own, so prose that quotes it is left alone.
  const from = lineIndex(text, start);
  const to = from < 0 ? -1 : lineIndex(text, end, from);
  if (from >= 0 && to > from) text = text.slice(0, from) + block + text.slice(to + end.length);
  else text = text.trimEnd() + '\n\n' + block + '\n';
  fs.writeFileSync(file, text);
}

/** Where `marker` first stands alone on a line, at or after `from`; -1 if nowhere. */
function lineIndex(text: string, marker: string, from = 0): number {
  for (let i = text.indexOf(marker, from); i >= 0; i = text.indexOf(marker, i + 1)) {
    const lineStart = i === 0 || text[i - 1] === '\n';
    const after = text.slice(i + marker.length, i + marker.length + 2);
    if (lineStart && (after === '' || after.startsWith('\n') || after === '\r\n')) return i;
  }
  return -1;
}
