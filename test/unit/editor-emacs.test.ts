import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { assertHandWrittenFindings, cliFindings, configurationOfDocs, mistakePlans, onPath, runEditor, withMixedAtEndAsWarning, type Shown } from './helpers/editors';

/**
 * Emacs 28 with eglot 1.9 (Debian's `emacs-nox` and `elpa-eglot`), in batch mode, with the configuration
 * docs/editors.md gives for it, read from the page: flymake's diagnostics must be the CLI's findings, plan
 * by plan, but for the one rule whose severity the configuration's settings change. eglot's handler of
 * publishDiagnostics is followed only to know when each plan has had its answer.
 */
function script(configuration: string): string {
  return String.raw`;; -*- lexical-binding: t -*-
(defvar job (with-temp-buffer
              (insert-file-contents (getenv "CLUSTERPLAN_EDITOR_JOB"))
              (json-parse-buffer :object-type 'alist :array-type 'list)))
(defun job (key) (alist-get key job))
(defun status (text) (with-temp-file (job 'status) (insert text)))

;; docs/editors.md, Emacs and eglot, with the command of this checkout.
${configuration}
(defvar published nil)
(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri &allow-other-keys)
  (push (find-buffer-visiting (eglot--uri-to-path uri)) published))

(defvar buffers
  (mapcar (lambda (plan)
            (status (concat "eglot to connect to the server for " (file-name-nondirectory plan)))
            (with-current-buffer (find-file-noselect plan)
              ;; eglot-ensure connects after the command that opened the plan; batch mode runs no command loop.
              (run-hooks 'post-command-hook)
              (cons plan (current-buffer))))
          (job 'plans)))

(defun waiting ()
  (concat "the diagnostics of "
          (mapconcat (lambda (b) (file-name-nondirectory (car b)))
                     (seq-remove (lambda (b) (memq (cdr b) published)) buffers)
                     ", ")))
(status (waiting))
(let ((deadline (+ (float-time) (/ (job 'timeout) 1000.0))))
  (while (and (seq-some (lambda (b) (not (memq (cdr b) published))) buffers)
              (< (float-time) deadline))
    (accept-process-output nil 0.01)))
(when (seq-some (lambda (b) (not (memq (cdr b) published))) buffers)
  (status (waiting))
  (kill-emacs 2))

;; eglot gives flymake one type for LSP's information and hint: a note.
(defvar severities '((eglot-error . "error") (eglot-warning . "warning") (eglot-note . "information")))
(defun shown (diagnostic)
  (list (cons 'line (1- (line-number-at-pos (flymake-diagnostic-beg diagnostic))))
        (cons 'severity (alist-get (flymake-diagnostic-type diagnostic) severities))
        (cons 'code (plist-get (alist-get 'eglot-lsp-diag (flymake-diagnostic-data diagnostic)) :code))))
(with-temp-file (job 'output)
  (insert (json-serialize
           (mapcar (lambda (b)
                     (with-current-buffer (cdr b)
                       ;; Flymake asks its backends from the command loop's timers, which batch mode never runs.
                       (flymake-start)
                       (cons (intern (car b)) (vconcat (mapcar #'shown (flymake-diagnostics))))))
                   buffers))))
(status "Emacs to exit")
(kill-emacs 0)
`;
}

/** Whether Emacs is on PATH with eglot where it can load it (Debian's elpa-eglot). */
function emacsWithEglot(): string | undefined {
  if (!onPath('emacs')) return 'emacs is not on PATH: install Debian\'s emacs-nox and elpa-eglot to run the server in Emacs';
  const r = spawnSync('emacs', ['--batch', '--eval', '(require \'eglot)'], { stdio: 'ignore', timeout: 60_000 });
  return r.status === 0 ? undefined : 'Emacs cannot load eglot: install Debian\'s elpa-eglot to run the server in Emacs';
}

test('Emacs 28 with eglot shows the findings the CLI reports on every mistake plan', (t) => {
  const missing = emacsWithEglot();
  if (missing !== undefined) {
    t.skip(missing);
    return;
  }
  const configuration = configurationOfDocs('## Emacs with eglot (tested)', 'elisp', `'(clusterplan-mode . ("clusterplan" "lsp" "--stdio"))`, "(cons 'clusterplan-mode (job 'cmd))");
  const plans = mistakePlans();
  const shown = runEditor({ command: 'emacs', args: ['--batch', '-l', '{script}'], script: script(configuration), extension: 'el', plans });
  const asNotes = (findings: Shown[]) => findings.map((f) => (f.severity === 'hint' ? { ...f, severity: 'information' } : f));
  const expected = withMixedAtEndAsWarning(cliFindings(plans));
  for (const plan of plans) expected[plan] = asNotes(expected[plan] ?? []);
  assert.deepEqual(shown, expected);
  assertHandWrittenFindings(shown);
});
