package cli

import (
	"kindred/journal"
)

// checkOutput is what every --out goes through before anything is written:
// an output may not be the journal, a file that keeps it safe (its -wal,
// -shm, lock, a sealed journal's temporary files, its backups), nor an
// existing thing that is not a file. A refusal is a usage error (exit 2).
func (e *env) checkOutput(out string) error {
	path, err := e.journalPath()
	if err != nil {
		return err
	}
	return outputRefused(journal.CheckOutputPath(path, out))
}

// checkOutputDir is checkOutput for a folder an export writes files into.
func (e *env) checkOutputDir(out string) error {
	path, err := e.journalPath()
	if err != nil {
		return err
	}
	return outputRefused(journal.CheckOutputDir(path, out))
}

func outputRefused(err error) error {
	if de := journal.AsError(err); de != nil && de.Code == journal.EINVALID {
		return usagef("--out: %s", de.Message)
	}
	return err
}
