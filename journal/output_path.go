package journal

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// journalFileSuffixes name the files SQLite and Kindred keep beside a
// journal while it is open.
var journalFileSuffixes = []string{"", "-wal", "-shm", "-journal", lockFileSuffix}

// journalTempMarks are in the names of the temporary files a sealed journal
// is written through (sealed_file.go).
var journalTempMarks = []string{sealingSuffix, unsealingSuffix}

// CheckOutputPath refuses out as where a program's output (an export, a
// backup, a sample journal) is written when that would destroy the journal
// at journalPath or what keeps it safe: the journal itself, its -wal, -shm
// and lock files, a sealed journal's temporary files, or anything in its
// backups folder. Files are compared by identity once links are followed,
// so another name for the journal is refused too. An out that exists and is
// not a regular file (a device, a pipe, a socket, a folder) is refused as
// well: replacing it with a file would not do what was asked. The errors
// are EINVALID on the field "out".
func CheckOutputPath(journalPath, out string) error {
	if out == "" {
		return fieldErrorf("out", "The output needs a file name.")
	}
	if info, err := os.Stat(out); err == nil && !info.Mode().IsRegular() {
		return fieldErrorf("out", "%s is %s, not a file: choose a file to write.", out, fileKind(info.Mode()))
	}
	return checkNotJournalFile(journalPath, out)
}

// CheckOutputDir is CheckOutputPath for a folder that an export writes
// files into: it may not be, or be inside, the journal's backups folder.
func CheckOutputDir(journalPath, dir string) error {
	if dir == "" {
		return fieldErrorf("out", "The output needs a folder.")
	}
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return fieldErrorf("out", "%s is not a folder.", dir)
	}
	if inside(dir, BackupDir(journalPath)) {
		return fieldErrorf("out", "%s is in the journal's backups folder: write exports elsewhere.", dir)
	}
	return nil
}

func checkNotJournalFile(journalPath, out string) error {
	if journalPath == "" {
		return nil
	}
	refuse := func() error {
		return fieldErrorf("out", "%s is the journal %s, or a file that keeps it safe: write the output elsewhere.", out, journalPath)
	}
	outInfo, outErr := os.Stat(out)
	for _, suffix := range journalFileSuffixes {
		if outErr == nil && sameFileInfo(outInfo, journalPath+suffix) {
			return refuse()
		}
	}
	// A file not there yet, or another link to one: compare the folder it
	// is in and its name.
	outDir, outName, outOK := resolvedParent(out)
	journalDir, journalName, ok := resolvedParent(journalPath)
	if outOK && ok && os.SameFile(outDir, journalDir) {
		for _, suffix := range journalFileSuffixes {
			if outName == journalName+suffix {
				return refuse()
			}
		}
		for _, mark := range journalTempMarks {
			if strings.HasPrefix(outName, "."+journalName+mark) {
				return refuse()
			}
		}
	}
	target := out
	if real, err := filepath.EvalSymlinks(out); err == nil {
		target = real
	}
	if inside(filepath.Dir(target), BackupDir(journalPath)) {
		return fieldErrorf("out", "%s is in the journal's backups folder: write the output elsewhere.", out)
	}
	return nil
}

// resolvedParent is the folder path is in, followed through links, and its
// name; ok is false when that folder does not exist.
func resolvedParent(path string) (dir os.FileInfo, name string, ok bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, "", false
	}
	real, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return nil, "", false
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, "", false
	}
	return info, filepath.Base(abs), true
}

// inside reports whether dir is folder or a folder below it, by identity.
func inside(dir, folder string) bool {
	want, err := os.Stat(folder)
	if err != nil {
		return false
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	real, err := filepath.EvalSymlinks(abs)
	for err != nil && filepath.Dir(abs) != abs {
		// A folder not made yet: its nearest existing parent decides.
		abs = filepath.Dir(abs)
		real, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return false
	}
	for {
		if info, err := os.Stat(real); err == nil && os.SameFile(info, want) {
			return true
		}
		parent := filepath.Dir(real)
		if parent == real {
			return false
		}
		real = parent
	}
}

func sameFileInfo(a os.FileInfo, path string) bool {
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return fmt.Sprintf("something other than a file (%v)", m.Type())
}
