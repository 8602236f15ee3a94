package journal

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Backups live in a "backups" folder beside the journal, named for the
// journal and the day: journal-2026-05-01.db for the automatic one of that
// day, journal-2026-05-01-203000-manual.db for one the user asked for, and
// journal-2026-05-01-203000-before-restore.db for a journal that a restore
// replaced, journal-2026-05-01-203000-before-upgrade.db for one that opening
// was about to upgrade (or a sealed journal in an older format, kept before
// its first save rewrote it). Only automatic ones are rotated away; the
// others are the user's.

// BackupKind says why a backup was made.
type BackupKind string

const (
	BackupAutomatic     BackupKind = "automatic"
	BackupManual        BackupKind = "manual"
	BackupBeforeRestore BackupKind = "before-restore"
	// BackupBeforeUpgrade is taken when opening a journal rewrites much of
	// it (its search index, spelled by an older Kindred), and is a sealed
	// journal in an older format, byte for byte, kept before its first save
	// rewrote it in the current one.
	BackupBeforeUpgrade BackupKind = "before-upgrade"
)

// Label is how a kind of backup is shown.
func (k BackupKind) Label() string {
	switch k {
	case BackupManual:
		return "Made by you"
	case BackupBeforeRestore:
		return "Journal before a restore"
	case BackupBeforeUpgrade:
		return "Journal before an upgrade"
	}
	return "Automatic"
}

// Rotation keeps the newest automatic backup of each of the last KeepDaily
// days that have one, and of each of the last KeepWeekly weeks.
const (
	KeepDaily  = 7
	KeepWeekly = 8
)

// BackupInfo describes one backup file.
type BackupInfo struct {
	Path     string
	Kind     BackupKind
	Day      time.Time // the day in its name, local midnight
	Made     time.Time // when the file was written
	Size     int64
	Contents BackupContents
	// Problem is why the backup could not be read, if it could not.
	Problem error
}

// BackupDir is the folder that holds a journal's backups.
func BackupDir(journalPath string) string {
	return filepath.Join(filepath.Dir(journalPath), "backups")
}

func backupStem(journalPath string) (stem, ext string) {
	base := filepath.Base(journalPath)
	ext = filepath.Ext(base)
	stem = strings.TrimSuffix(base, ext)
	if ext == "" {
		ext = ".db"
	}
	return stem, ext
}

// BackupName is the path of a backup of kind made at t.
func BackupName(journalPath string, kind BackupKind, t time.Time) string {
	stem, ext := backupStem(journalPath)
	name := stem + "-" + t.Format("2006-01-02")
	if kind != BackupAutomatic {
		name += "-" + t.Format("150405") + "-" + string(kind)
	}
	return filepath.Join(BackupDir(journalPath), name+ext)
}

func backupPattern(journalPath string) *regexp.Regexp {
	stem, ext := backupStem(journalPath)
	return regexp.MustCompile(`^` + regexp.QuoteMeta(stem) + `-(\d{4}-\d{2}-\d{2})(?:-(\d{6})-(manual|before-restore|before-upgrade)(?:-\d+)?)?` + regexp.QuoteMeta(ext) + `$`)
}

// freeBackupName is BackupName, numbered on if a backup of the same second
// exists (two restores in a row).
func freeBackupName(journalPath string, kind BackupKind, t time.Time) string {
	name := BackupName(journalPath, kind, t)
	if kind == BackupAutomatic {
		return name
	}
	ext := filepath.Ext(name)
	for i := 2; ; i++ {
		// Anything but a file already there ends the search: a folder that
		// cannot be read is for the write to report, not to loop on.
		if _, err := os.Lstat(name); err != nil {
			return name
		}
		name = strings.TrimSuffix(BackupName(journalPath, kind, t), ext) + fmt.Sprintf("-%d", i) + ext
	}
}

// ListBackups lists a journal's backups, newest first, with what each holds
// (counted, not fully checked: see NewestGoodBackup). inspect reads an image;
// nil means InspectImage. It needs no open journal, so it also works when
// the journal is damaged.
func ListBackups(ctx context.Context, journalPath string, inspect InspectFunc) ([]BackupInfo, error) {
	if inspect == nil {
		inspect = InspectImage
	}
	list, err := backupFiles(journalPath)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		list[i].Contents, list[i].Problem = inspect(ctx, list[i].Path, false)
	}
	return list, nil
}

// backupFiles finds the backup files by name, newest first, without reading them.
func backupFiles(journalPath string) ([]BackupInfo, error) {
	dir := BackupDir(journalPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups in %s: %w", dir, err)
	}
	pattern, dateless := backupPattern(journalPath), sealedBackupPattern(journalPath)
	var out []BackupInfo
	for _, e := range entries {
		if b, ok := datelessInfo(dateless, dir, e); ok {
			out = append(out, b)
			continue
		}
		m := pattern.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		day, err := time.ParseInLocation("2006-01-02", m[1], time.Local)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		b := BackupInfo{Path: filepath.Join(dir, e.Name()), Kind: BackupAutomatic, Day: day, Made: info.ModTime(), Size: info.Size()}
		if m[3] != "" {
			b.Kind = BackupKind(m[3])
			if t, err := time.ParseInLocation("2006-01-02150405", m[1]+m[2], time.Local); err == nil {
				b.Day = t
			}
		}
		out = append(out, b)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Day.Equal(out[j].Day) {
			return out[i].Day.After(out[j].Day)
		}
		return out[i].Made.After(out[j].Made)
	})
	return out, nil
}

// NewestGoodBackup is the newest backup of the journal that passes a full
// check, or nil if there is none.
func NewestGoodBackup(ctx context.Context, journalPath string, inspect InspectFunc) (*BackupInfo, error) {
	if inspect == nil {
		inspect = InspectImage
	}
	list, err := backupFiles(journalPath)
	if err != nil {
		return nil, err
	}
	for i := range list {
		// A sealed image cannot be checked without its passphrase; a sealed
		// inspector checks it, the plain one reports it sealed, which is
		// still the best offer there is.
		c, err := inspect(ctx, list[i].Path, true)
		if err == nil {
			list[i].Contents = c
			return &list[i], nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	return nil, nil
}

// AutoBackup makes today's automatic backup unless there is one, then
// rotates old ones away. It is cheap when today's exists (one stat), so
// opening the journal can call it every time; made is nil then. An empty
// journal is not backed up.
func (s *Store) AutoBackup(ctx context.Context) (made *BackupInfo, err error) {
	now := s.Now()
	dest := BackupName(s.path, BackupAutomatic, now)
	if _, err := os.Stat(dest); err == nil {
		return nil, nil
	}
	if s.sealed != nil {
		if hasAutomaticOn(s.path, now) {
			return nil, nil
		}
		dest = sealedBackupName(s.path, BackupAutomatic)
	}
	if empty, err := s.isEmpty(ctx); err != nil || empty {
		return nil, err
	}
	if err := s.backupInto(ctx, dest); err != nil {
		return nil, err
	}
	if s.sealed != nil {
		dateBackup(dest, now)
	}
	if err := RotateBackups(s.path, now); err != nil {
		return nil, err
	}
	return s.describeBackup(ctx, dest, BackupAutomatic, now)
}

// BackupNow makes a backup the user asked for into the backups folder.
func (s *Store) BackupNow(ctx context.Context) (*BackupInfo, error) {
	now := s.Now()
	dest := newBackupName(s.path, s.sealed != nil, BackupManual, now)
	if err := s.backupInto(ctx, dest); err != nil {
		return nil, err
	}
	if s.sealed != nil {
		dateBackup(dest, now)
	}
	return s.describeBackup(ctx, dest, BackupManual, now)
}

// Backups lists this journal's backups; see ListBackups.
func (s *Store) Backups(ctx context.Context) ([]BackupInfo, error) {
	return ListBackups(ctx, s.path, s.Inspector())
}

func (s *Store) backupInto(ctx context.Context, dest string) error {
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return s.fileError("create the backups folder", dir, err)
	}
	return s.Backup(ctx, dest)
}

func (s *Store) describeBackup(ctx context.Context, path string, kind BackupKind, at time.Time) (*BackupInfo, error) {
	b := &BackupInfo{Path: path, Kind: kind, Day: at, Made: at}
	if fi, err := os.Stat(path); err == nil {
		b.Size, b.Made = fi.Size(), fi.ModTime()
	}
	b.Contents, b.Problem = s.Inspector()(ctx, path, false)
	return b, nil
}

func (s *Store) isEmpty(ctx context.Context) (bool, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM reflections) + (SELECT count(*) FROM drafts)`).Scan(&n)
	if err != nil {
		return false, s.translate(fmt.Errorf("count the journal: %w", err))
	}
	return n == 0, nil
}

// RotateBackups removes automatic backups beyond the newest of each of the
// last KeepDaily days and of each of the last KeepWeekly weeks (ISO weeks).
// Backups the user made and journals kept by a restore are never removed.
func RotateBackups(journalPath string, now time.Time) error {
	list, err := backupFiles(journalPath)
	if err != nil {
		return err
	}
	var auto []BackupInfo
	for _, b := range list {
		if b.Kind == BackupAutomatic && !b.Day.After(now) {
			auto = append(auto, b)
		}
	}
	keep := keptBackups(auto)
	for _, b := range auto {
		if !keep[b.Path] {
			if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("remove old backup %s: %w", b.Path, err)
			}
		}
	}
	return nil
}

// keptBackups chooses from automatic backups, newest first, the ones rotation keeps.
func keptBackups(auto []BackupInfo) map[string]bool {
	keep := map[string]bool{}
	days := map[string]bool{}
	weeks := map[string]bool{}
	for _, b := range auto {
		day := b.Day.Format("2006-01-02")
		if !days[day] && len(days) < KeepDaily {
			days[day] = true
			keep[b.Path] = true
		}
		y, w := b.Day.ISOWeek()
		week := fmt.Sprintf("%d-%02d", y, w)
		if !weeks[week] && len(weeks) < KeepWeekly {
			weeks[week] = true
			keep[b.Path] = true
		}
	}
	return keep
}
