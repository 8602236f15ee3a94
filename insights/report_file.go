package insights

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrReportExists means the report's file is there already and replacing it
// was not asked for.
var ErrReportExists = errors.New("the file already exists")

// ExportReport writes the report to path, readable only by the user (0600).
// It writes a temporary file in the same folder and renames it when
// complete, so the path holds either the whole report or what it held
// before: a failure or a cancellation leaves no partial file. An existing
// file is replaced only when replace is true.
func ExportReport(ctx context.Context, src ReportSource, path string, opt ReportOptions, replace bool) (ReportSummary, error) {
	var sum ReportSummary
	err := exportPDF(ctx, path, replace, func(w io.Writer) error {
		var err error
		sum, err = WriteReport(ctx, src, w, opt)
		return err
	})
	return sum, err
}

// exportPDF is the file side of every PDF export: it refuses an existing
// file unless replace, has write write the document into a temporary 0600
// file beside path, and renames it into place only once complete.
func exportPDF(ctx context.Context, path string, replace bool, write func(w io.Writer) error) error {
	if path == "" {
		return errors.New("export PDF: no file name given")
	}
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return fmt.Errorf("export PDF: %s is a folder, not a file name", path)
		}
		if !replace {
			return fmt.Errorf("export PDF: %s: %w", path, ErrReportExists)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("export PDF: %w", err)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.part")
	if err != nil {
		return fmt.Errorf("export PDF: cannot write in %s: %w", dir, err)
	}
	tmpName := tmp.Name()
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("export PDF: %w", err)
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	if err := write(w); err != nil {
		if ctx.Err() != nil {
			return errCancelled
		}
		return err
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("export PDF: write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("export PDF: write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export PDF: write %s: %w", path, err)
	}
	if err := ctx.Err(); err != nil {
		return errCancelled
	}
	if err := place(tmpName, path, replace); err != nil {
		return err
	}
	done = true
	return nil
}

// place moves the finished file to path. Without replace it links rather
// than renames, so a file that appeared meanwhile is still never replaced.
func place(tmp, path string, replace bool) error {
	if replace {
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("export PDF: %w", err)
		}
		return nil
	}
	err := os.Link(tmp, path)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("export PDF: %s: %w", path, ErrReportExists)
	}
	if err != nil {
		// Some file systems have no hard links: fall back to a rename
		// after one more look.
		if _, serr := os.Stat(path); serr == nil {
			return fmt.Errorf("export PDF: %s: %w", path, ErrReportExists)
		}
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("export PDF: %w", err)
		}
		return nil
	}
	os.Remove(tmp)
	return nil
}

// IsCancelled reports whether an export stopped because it was cancelled.
func IsCancelled(err error) bool { return errors.Is(err, errCancelled) }
