;;; drive.el --- Drives Emacs as an engineer would, after the documented init.el  -*- lexical-binding: t -*-
;; Opens two files of one topology folder, reports the eglot servers and flymake diagnostics, then
;; uses the documented keys (C-c a quick fix, C-c r rename after several edits, C-c f format) and
;; saves. EmacsEndToEndTest checks the report and the files on disk. Waits are for conditions,
;; with timeouts. Environment: OCSTOPO_WORKSPACE (the topology folder), OCSTOPO_REPORT (JSON).
(require 'cl-lib)
(require 'json)
(require 'subr-x)

(defvar ocstopo-drive-workspace (file-name-as-directory (getenv "OCSTOPO_WORKSPACE")))
(defvar ocstopo-drive-report nil "Alist written as JSON to OCSTOPO_REPORT.")

(defun ocstopo-drive-save-report ()
  (with-temp-file (getenv "OCSTOPO_REPORT")
    (insert (json-encode ocstopo-drive-report))))

(defun ocstopo-drive-put (key value)
  (setf (alist-get key ocstopo-drive-report) value)
  (ocstopo-drive-save-report))

(defun ocstopo-drive-step (name)
  (ocstopo-drive-put 'steps (vconcat (alist-get 'steps ocstopo-drive-report) (list name)))
  (message "step: %s" name))

(defun ocstopo-drive-fail (format-string &rest args)
  "Fail with the editor's own messages: warnings and the tail of eglot's events buffers."
  (let ((failure (apply #'format format-string args)))
    (ocstopo-drive-put 'failure failure)
    (message "FAIL: %s" failure)
    (dolist (buffer (buffer-list))
      (when (string-match-p "\\*Warnings\\*\\|\\*EGLOT.*\\(events\\|stderr\\)\\*\\|\\*Flymake log\\*" (buffer-name buffer))
        (with-current-buffer buffer
          (message "--- %s (last 6000 characters):\n%s" (buffer-name)
                   (buffer-substring-no-properties (max (point-min) (- (point-max) 6000)) (point-max))))))
    (kill-emacs 1)))

(defun ocstopo-drive-wait (what seconds condition)
  "Wait up to SECONDS for CONDITION, letting processes and timers run; fail naming WHAT."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall condition)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (unless (funcall condition)
      (ocstopo-drive-fail "timed out after %s s waiting for %s" seconds what))))

(defun ocstopo-drive-visit (file)
  "Visit FILE as `find-file' does, then end the command (eglot-ensure connects after it)."
  (find-file (expand-file-name file ocstopo-drive-workspace))
  (run-hooks 'post-command-hook)
  (current-buffer))

(defun ocstopo-drive-show (buffer)
  "Show BUFFER in the window and run what redisplay would (there is none in batch): flymake
starts checking a buffer only once it is displayed."
  (switch-to-buffer buffer)
  (run-hooks 'window-configuration-change-hook))

(defun ocstopo-drive-pause ()
  "What Emacs does when the user pauses typing: run the idle timers (batch mode is never idle).
eglot sends a buffer's changes to the server from such a timer."
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer)))

(defun ocstopo-drive-code (diagnostic)
  (plist-get (cdr (assoc 'eglot-lsp-diag (eglot--diag-data diagnostic))) :code))

(defun ocstopo-drive-findings (buffer)
  (with-current-buffer buffer
    (vconcat (sort (mapcar (lambda (d)
                             (save-excursion
                               (goto-char (flymake-diagnostic-beg d))
                               (format "%d:%d: %s %s" (line-number-at-pos) (1+ (current-column))
                                       (pcase (flymake-diagnostic-type d)
                                         ('eglot-error "error") ('eglot-warning "warning") ('eglot-note "info")
                                         (type (format "%s" type)))
                                       (ocstopo-drive-code d))))
                           (flymake-diagnostics))
                   #'string<))))

(defun ocstopo-drive-servers ()
  (let (servers)
    (maphash (lambda (_project list) (setq servers (append servers list))) eglot--servers-by-project)
    servers))

(defun ocstopo-drive-server-report ()
  (vconcat (mapcar (lambda (server)
                     `((command . ,(vconcat (process-command (jsonrpc--process server))))
                       (buffers . ,(vconcat (mapcar #'buffer-name (eglot--managed-buffers server))))))
                   (ocstopo-drive-servers))))

(defun ocstopo-drive-text (buffer)
  (with-current-buffer buffer (buffer-substring-no-properties (point-min) (point-max))))

(condition-case err
    (progn
      (ocstopo-drive-step "init.el loaded without errors")
      (let ((warnings (get-buffer "*Warnings*")))
        (when (and warnings (with-current-buffer warnings
                              (save-excursion (goto-char (point-min)) (search-forward "error occurred" nil t))))
          (ocstopo-drive-fail "loading init.el failed")))

      (ocstopo-drive-step "open topology.ocstopo and hq.ocstopo")
      (let* ((topology (ocstopo-drive-visit "topology.ocstopo"))
             (hq (ocstopo-drive-visit "hq.ocstopo")))
        (dolist (buffer (list topology hq))
          (unless (eq (buffer-local-value 'major-mode buffer) 'ocstopo-mode)
            (ocstopo-drive-fail "%s is in %s, not ocstopo-mode" buffer (buffer-local-value 'major-mode buffer))))

        (ocstopo-drive-step "wait for eglot to manage both buffers, show topology.ocstopo, wait for the hairpin finding (flymake)")
        (ocstopo-drive-wait "both buffers managed by eglot" 120
                            (lambda () (and (buffer-local-value 'eglot--managed-mode topology)
                                            (buffer-local-value 'eglot--managed-mode hq))))
        (ocstopo-drive-show topology)
        (ocstopo-drive-wait "the pool-traffic-hairpin diagnostic" 120
                            (lambda () (with-current-buffer topology
                                         (cl-some (lambda (d) (equal (ocstopo-drive-code d) "pool-traffic-hairpin"))
                                                  (flymake-diagnostics)))))
        (ocstopo-drive-put 'servers (ocstopo-drive-server-report))
        (ocstopo-drive-put 'findings `(("topology.ocstopo" . ,(ocstopo-drive-findings topology))
                                       ("hq.ocstopo" . ,(ocstopo-drive-findings hq))))

        (ocstopo-drive-step "quick fix from the code actions (C-c a), pick the DNS remedy")
        (with-current-buffer topology
          (let ((hairpin (cl-find-if (lambda (d) (equal (ocstopo-drive-code d) "pool-traffic-hairpin"))
                                     (flymake-diagnostics)))
                (before (ocstopo-drive-text topology))
                (offered nil))
            (goto-char (flymake-diagnostic-beg hairpin))
            ;; The menu, answered the way a user picks the DNS remedy (a keyboard event, so eglot
            ;; asks through completing-read rather than a popup menu).
            (let ((last-nonmenu-event ?a)
                  (completing-read-function
                   (lambda (_prompt collection &rest _)
                     (setq offered (mapcar #'car collection))
                     (or (cl-find-if (lambda (title) (string-prefix-p "Point the A record" title)) offered)
                         (ocstopo-drive-fail "no DNS remedy among the code actions: %S" offered)))))
              (call-interactively (key-binding (kbd "C-c a"))))
            (ocstopo-drive-put 'code_actions (vconcat offered))
            (ocstopo-drive-wait "the quick fix to change topology.ocstopo" 60
                                (lambda () (not (equal before (ocstopo-drive-text topology)))))
            (save-buffer)))

        (ocstopo-drive-step "several edits to hq.ocstopo: every line flush left")
        (ocstopo-drive-show hq)
        (let ((version-before eglot--versioned-identifier))
          (save-excursion
            (goto-char (point-min))
            (while (not (eobp))
              (back-to-indentation)
              (delete-region (line-beginning-position) (point))
              (forward-line 1)))
          (ocstopo-drive-pause)
          (ocstopo-drive-wait "eglot to send the edits" 30 (lambda () (null eglot--recent-changes)))
          (ocstopo-drive-put 'hq_version_before_rename eglot--versioned-identifier)
          (unless (> eglot--versioned-identifier (max 1 version-before))
            (ocstopo-drive-fail "the edits did not raise the document version (%s)" eglot--versioned-identifier)))

        (ocstopo-drive-step "rename server sql01.contoso.com (C-c r in hq.ocstopo) to sql02.contoso.com, also the back end in pool.ocstopo")
        (goto-char (point-min))
        (unless (re-search-forward "^server \\(sql01\\.contoso\\.com\\)" nil t)
          (ocstopo-drive-fail "no server sql01.contoso.com line in hq.ocstopo:\n%s" (ocstopo-drive-text hq)))
        (goto-char (match-beginning 1))
        ;; eglot asks before editing pool.ocstopo, which is not open: answer yes, and report it.
        (let ((asked nil))
          (cl-letf (((symbol-function 'y-or-n-p) (lambda (prompt) (push prompt asked) t)))
            (funcall (key-binding (kbd "C-c r")) "sql02.contoso.com"))
          (ocstopo-drive-put 'rename_asked (vconcat asked)))
        (ocstopo-drive-wait "the rename to reach hq.ocstopo and pool.ocstopo" 60
                            (lambda ()
                              (let ((pool (find-buffer-visiting (expand-file-name "pool.ocstopo" ocstopo-drive-workspace))))
                                (and (string-match-p "sql02\\.contoso\\.com" (ocstopo-drive-text hq))
                                     pool (string-match-p "sql02\\.contoso\\.com" (ocstopo-drive-text pool))))))
        (save-some-buffers t)

        (ocstopo-drive-step (format "format hq.ocstopo (C-c f) with Emacs's defaults: indent-tabs-mode %s, tab-width %s"
                                    indent-tabs-mode tab-width))
        (let ((unformatted (ocstopo-drive-text hq)))
          (call-interactively (key-binding (kbd "C-c f")))
          (ocstopo-drive-wait "formatting to change hq.ocstopo" 60
                              (lambda () (not (equal unformatted (ocstopo-drive-text hq))))))

        (ocstopo-drive-step "save all and quit")
        (save-some-buffers t)
        ;; A second server started by a later file (the bug this guards against) is here by now.
        (ocstopo-drive-put 'servers_at_end (ocstopo-drive-server-report))
        (kill-emacs 0)))
  (error (ocstopo-drive-fail "%s" (error-message-string err))))
