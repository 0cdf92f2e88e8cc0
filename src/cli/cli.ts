import { main } from './main';

// The executable entry: exit codes 0 (no errors), 1 (errors in a plan), 2 (usage or I/O).
void main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then((code) => {
  process.exitCode = code;
});
