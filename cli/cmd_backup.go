package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kindred/journal"
)

func init() {
	register(command{name: "backup", summary: "make a checked backup of the journal now (backup [--out FILE])", run: runBackup})
	register(command{name: "backups", summary: "list the journal's backups, newest first", run: runBackups})
	register(command{name: "restore", summary: "replace the journal with a backup (restore BACKUP [--yes])", run: runRestore})
	register(command{name: "check", summary: "check the journal file for damage (integrity_check)", run: runCheck})
}

// backupInspector reads backup images for the command line. A sealed
// journal's commands replace it with one that can open sealed backups.
var backupInspector journal.InspectFunc = journal.InspectImage

// stdinIsTerminal tells whether a question can be asked; tests replace it.
var stdinIsTerminal = func(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// backupOnOpen makes the day's automatic backup when a journal is opened.
// It costs one stat when today's exists. Copying the journal reads every
// row, so it is also the day's check for damage that opening cannot see:
// then, if a sound backup exists, the journal is refused with it offered;
// if none does, it stays open with a warning, so what can be read can still
// be exported. Any other failure is reported, not fatal.
func backupOnOpen(ctx context.Context, s *journal.Store) error {
	_, err := s.AutoBackup(ctx)
	if err == nil {
		return nil
	}
	if journal.ErrorCode(err) == journal.EDAMAGED {
		good, _ := journal.NewestGoodBackup(ctx, s.Path(), backupInspector)
		if good != nil {
			return &damagedError{err: journal.Errorf(journal.EDAMAGED, "%s is damaged: today's backup found %v", s.Path(), err), backup: good}
		}
		// The store refuses every write from now on; Main says it is
		// damaged once the command has read what it can.
		return nil
	}
	fmt.Fprintf(os.Stderr, "kindred: today's automatic backup could not be made: %v\n", err)
	return nil
}

// damagedError is an open error for a damaged journal, with the newest
// backup that passes its check.
type damagedError struct {
	err    error
	backup *journal.BackupInfo
}

func (e *damagedError) Unwrap() error { return e.err }

func (e *damagedError) Error() string {
	msg := e.err.Error() + " Kindred did not change it."
	if e.backup == nil {
		return msg + " There is no backup that passes its check; `kindred check` lists the problems."
	}
	return msg + fmt.Sprintf("\nThe newest backup that passes its check is %s (%s, %s).\nRestore it with: kindred restore %q",
		e.backup.Path, e.backup.Made.Format("2 Jan 2006 15:04"), contentsWords(e.backup.Contents), e.backup.Path)
}

// explainOpenError adds to a damaged journal's error the backup that can
// replace it.
func explainOpenError(ctx context.Context, path string, err error) error {
	var de *damagedError
	if journal.ErrorCode(err) != journal.EDAMAGED || errors.As(err, &de) {
		return err
	}
	good, _ := journal.NewestGoodBackup(ctx, path, backupInspector)
	return &damagedError{err: err, backup: good}
}

func runBackup(e *env) error {
	fs := e.flags("backup", "[--out FILE]")
	out := fs.String("out", "", "write the backup to `FILE` (default: the backups folder beside the journal)")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("backup takes no arguments besides its flags (got %q)", args[0])
	}
	if *out != "" {
		if err := e.checkOutput(*out); err != nil {
			return err
		}
	}
	s, err := e.openExisting()
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	var path string
	if *out == "" {
		b, err := s.BackupNow(e.ctx)
		if err != nil {
			return err
		}
		path = b.Path
	} else {
		if err := s.Backup(e.ctx, *out); err != nil {
			return err
		}
		path = *out
	}
	c, err := s.Inspector()(e.ctx, path, false)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, path)
	fmt.Fprintf(e.stdout, "backed up %s, checked, in %s\n", contentsWords(c), time.Since(start).Round(time.Millisecond))
	return nil
}

func runBackups(e *env) error {
	fs := e.flags("backups", "")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("backups takes no arguments (got %q)", args[0])
	}
	path, err := e.journalPath()
	if err != nil {
		return err
	}
	files, _ := filepath.Glob(filepath.Join(journal.BackupDir(path), "*"))
	if err := e.readSealedBackups(path, files...); err != nil {
		return err
	}
	list, err := journal.ListBackups(e.ctx, path, backupInspector)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintf(e.stdout, "no backups yet in %s\n", journal.BackupDir(path))
		return nil
	}
	for _, b := range list {
		what := contentsWords(b.Contents)
		if b.Problem != nil {
			what = "cannot be read: " + b.Problem.Error()
		}
		// Every backup says whether its file is sealed, so a plain copy of a
		// sealed journal is seen.
		if sealed, _ := journal.IsSealedFile(b.Path); !sealed {
			what = "plain: " + what
		} else if !strings.HasPrefix(what, "sealed") {
			what = "sealed: " + what
		}
		fmt.Fprintf(e.stdout, "%s  %-24s %8s  %s\n  %s\n", b.Made.Format("2006-01-02 15:04"), b.Kind.Label(), sizeWords(b.Size), what, b.Path)
	}
	return nil
}

func runRestore(e *env) error {
	fs := e.flags("restore", "BACKUP [--yes]")
	yes := fs.Bool("yes", false, "replace the journal without asking")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usagef("restore needs one BACKUP: a backup file, or a date (YYYY-MM-DD) of one in the backups folder")
	}
	path, err := e.journalPath()
	if err != nil {
		return err
	}
	files, _ := filepath.Glob(filepath.Join(journal.BackupDir(path), "*"))
	if err := e.readSealedBackups(path, append(files, args[0])...); err != nil {
		return err
	}
	backup, err := findBackup(e.ctx, path, args[0])
	if err != nil {
		return err
	}
	c, err := backupInspector(e.ctx, backup, false)
	if err != nil {
		return fmt.Errorf("the backup %s cannot be read: %w", backup, err)
	}
	if !*yes {
		if !stdinIsTerminal(e.stdin) {
			return usagef("restore replaces the journal: run it in a terminal to confirm, or add --yes")
		}
		now := "an empty journal"
		if cur, err := backupInspector(e.ctx, path, false); err == nil {
			now = contentsWords(cur)
		} else if _, statErr := os.Stat(path); statErr == nil {
			now = "a journal that cannot be read"
		}
		fmt.Fprintf(e.stderr, "Replace the journal %s (%s)\nwith the backup %s (%s)?\nThe journal as it is now will be kept in %s. [y/N] ",
			path, now, backup, contentsWords(c), journal.BackupDir(path))
		answer, _ := bufio.NewReader(e.stdin).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			fmt.Fprintln(e.stdout, "Nothing was changed.")
			return nil
		}
	}
	kept, err := journal.RestoreBackup(e.ctx, path, backup, backupInspector, time.Now())
	if err != nil {
		return err
	}
	if err := e.sealBackupsOfRestored(path); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored %s into %s\n", backup, path)
	if kept != "" {
		fmt.Fprintf(e.stdout, "the journal as it was is kept as %s\n", kept)
	}
	return nil
}

// findBackup takes a file, or a date naming the newest backup of that day.
func findBackup(ctx context.Context, journalPath, arg string) (string, error) {
	if _, err := os.Stat(arg); err == nil {
		return arg, nil
	}
	if _, err := time.Parse("2006-01-02", arg); err != nil {
		return "", fmt.Errorf("no backup %s (give a backup file, or a date YYYY-MM-DD; kindred backups lists them)", arg)
	}
	list, err := journal.ListBackups(ctx, journalPath, backupInspector)
	if err != nil {
		return "", err
	}
	for _, b := range list {
		if b.Day.Format("2006-01-02") == arg {
			return b.Path, nil
		}
	}
	return "", fmt.Errorf("no backup from %s in %s (kindred backups lists them)", arg, journal.BackupDir(journalPath))
}

func runCheck(e *env) error {
	fs := e.flags("check", "")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("check takes no arguments (got %q)", args[0])
	}
	path, err := e.journalPath()
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("there is no journal at %s", path)
	}
	var problems []string
	if sealed, _ := journal.IsSealedFile(path); sealed {
		// Unlocking checks every byte of the seal; integrity_check the rest.
		s, err := e.open()
		if err != nil {
			return err
		}
		if notice := s.SealedNotice(); notice != "" {
			fmt.Fprintln(e.stdout, "note: "+notice)
		}
		problems, err = s.CheckStore(e.ctx)
		s.Close()
		if err != nil {
			return err
		}
	} else if problems, err = journal.Check(e.ctx, path); err != nil {
		return err
	}
	if len(problems) == 0 {
		fmt.Fprintln(e.stdout, "ok")
		return nil
	}
	for _, p := range problems {
		fmt.Fprintln(e.stdout, p)
	}
	err = journal.Errorf(journal.EDAMAGED, "%s is damaged.", path)
	return explainOpenError(e.ctx, path, err)
}

func contentsWords(c journal.BackupContents) string {
	if c.Sealed && c.Version == 0 {
		return "sealed"
	}
	if c.Sealed {
		return fmt.Sprintf("sealed: %s, %s, %s", plural(c.People, "person", "people"), plural(c.Reflections, "reflection", "reflections"), plural(c.Moments, "moment", "moments"))
	}
	return fmt.Sprintf("%s, %s, %s", plural(c.People, "person", "people"), plural(c.Reflections, "reflection", "reflections"), plural(c.Moments, "moment", "moments"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func sizeWords(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
