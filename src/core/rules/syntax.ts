import type { TextRule } from './rule';

export const syntax: TextRule = {
  code: 'syntax',
  severity: 'error',
  needs: 'text',
  title: 'The file is not valid JSONC',
  explanation:
    'A .clusterplan file is JSON with comments and trailing commas. Where the text does not parse, clusterplan reads what it can around the error, but no verdict about the plan can be trusted until the syntax is fixed.',
  check(document, report) {
    for (const e of document.syntaxErrors) report(e.offset, e.length, e.message);
  },
};
