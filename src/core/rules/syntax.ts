import type { TextRule } from './rule';

/** The first errors are the ones to fix; thousands more (a pasted binary) would only cost time. */
export const MAX_SYNTAX_FINDINGS = 100;

export const syntax: TextRule = {
  code: 'syntax',
  severity: 'error',
  needs: 'text',
  title: 'The file is not valid JSONC',
  explanation:
    'A .clusterplan file is JSON with comments and trailing commas. Where the text does not parse, clusterplan reads what it can around the error, but no verdict about the plan can be trusted until the syntax is fixed.',
  check(document, report) {
    const errors = document.syntaxErrors;
    for (const e of errors.slice(0, MAX_SYNTAX_FINDINGS)) report(e.offset, e.length, e.message);
    const rest = errors.length - MAX_SYNTAX_FINDINGS;
    if (rest > 0) {
      const next = errors[MAX_SYNTAX_FINDINGS]!;
      report(next.offset, next.length, `${rest} more syntax errors follow from here; fix the ones above first.`);
    }
  },
};
