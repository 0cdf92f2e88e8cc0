import type { FindingsRule } from './rule';

export const unusedSuppression: FindingsRule = {
  code: 'unused-suppression',
  severity: 'warning',
  needs: 'findings',
  title: 'A suppression comment matches no finding',
  explanation:
    'The finding this comment was written for is gone, or it starts on another line. A stale suppression would silently hide the next real problem of that kind on that line: remove it.',
  check({ suppressions, used }, report) {
    for (const s of suppressions) {
      if (s.problems.length === 0 && !used.has(s)) {
        report(s.offset, s.length, `No ${s.codes.join(' or ')} finding starts on the next line, so this suppression hides nothing. Remove it.`);
      }
    }
  },
};
