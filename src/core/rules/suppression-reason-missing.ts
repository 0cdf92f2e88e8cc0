import type { FindingsRule } from './rule';

export const suppressionReasonMissing: FindingsRule = {
  code: 'suppression-reason-missing',
  severity: 'hint',
  needs: 'findings',
  title: 'A suppression comment gives no reason',
  explanation:
    'A "// clusterplan-disable-next-line <code> -- <reason>" comment says after "--" why the exception is safe: the agreed outage, the change that approved it. A comment whose reason is not written yet still hides its findings, so that inserting it never adds a problem, until the reason is written.',
  check({ suppressions, used }, report) {
    for (const s of suppressions) {
      // A comment that hides nothing is reported as unused: it needs removing, not a reason.
      if (s.problems.length === 0 && s.reason === '' && used.has(s)) {
        report(s.offset, s.length, `Add a reason after "--": why it is safe to hide ${s.codes.join(' and ')} here.`);
      }
    }
  },
};
