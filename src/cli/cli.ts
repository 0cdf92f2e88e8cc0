import { main } from './main';

// `clusterplan simulate big.clusterplan | head` closes the pipe early: that is the reader's choice, not a
// failure to report with a stack trace. What is left to print is dropped, and the run still ends with the
// exit code its plans deserve, so that `set -o pipefail` sees a plan's errors.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

// The executable entry: exit codes 0 (no errors), 1 (errors in a plan), 2 (usage or I/O). The language
// server (`lsp`) returns no code: it runs until its client sends exit.
void main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then((code) => {
  if (code !== undefined) process.exitCode = code;
});
