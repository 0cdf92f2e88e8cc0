/** The runbook formats and how each is saved: the editor's export command needs these, not the export itself. */
export type RunbookFormat = 'cmd' | 'powershell' | 'markdown';

export interface RunbookFormatInfo {
  /** The file name extension a saved runbook takes. */
  readonly extension: string;
  /** The VS Code language id to open the text with. */
  readonly languageId: string;
  /**
   * The line ending of the text. cmd needs CRLF (with LF only, labels and `goto` misbehave in some cmd
   * versions); PowerShell takes either and gets CRLF as the Windows script it is; Markdown gets LF, as every
   * other text file in a repository.
   */
  readonly eol: '\r\n' | '\n';
}

export const RUNBOOK_FORMATS: Readonly<Record<RunbookFormat, RunbookFormatInfo>> = {
  cmd: { extension: '.cmd', languageId: 'bat', eol: '\r\n' },
  powershell: { extension: '.ps1', languageId: 'powershell', eol: '\r\n' },
  markdown: { extension: '.md', languageId: 'markdown', eol: '\n' },
};

export function isRunbookFormat(value: string): value is RunbookFormat {
  return Object.prototype.hasOwnProperty.call(RUNBOOK_FORMATS, value);
}
