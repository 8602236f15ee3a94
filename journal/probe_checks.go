package journal

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"os"
	"strings"
)

// journalTables are the tables every journal has from version 1 on.
var journalTables = []string{"people", "moment_kinds", "reflections", "encounters", "moments", "drafts", "dismissed_suggestions", "settings"}

// probeDeeper goes on where probe's first look stopped, still read-only: the
// header must be one SQLite wrote, the file as long as the header says, the
// tables there and readable. Opening writes to a journal only to switch it to
// WAL or to migrate it; before either, the whole file is checked, so a
// damaged journal is never written to by being opened.
func probeDeeper(ctx context.Context, db *sql.DB, path string, head []byte, version int) error {
	if reason := headerProblem(path, head); reason != "" {
		return Errorf(EDAMAGED, "%s is damaged (%s).", path, reason)
	}
	rows, err := db.QueryContext(ctx, "SELECT type, name FROM sqlite_schema")
	if err != nil {
		return translateDamage(path, err)
	}
	tables := map[string]bool{}
	for rows.Next() {
		var typ, name string
		if err := rows.Scan(&typ, &name); err != nil {
			rows.Close()
			return translateDamage(path, err)
		}
		if typ == "table" {
			tables[name] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return translateDamage(path, err)
	}
	if version == 0 {
		if len(tables) > 0 {
			return Errorf(EDAMAGED, "%s is damaged (it holds tables but no journal version).", path)
		}
		return nil
	}
	for _, t := range journalTables {
		if !tables[t] {
			return Errorf(EDAMAGED, "%s is damaged, or not a Kindred journal (no %s table).", path, t)
		}
		// Reading one row reaches the table's root page.
		var one int
		err := db.QueryRowContext(ctx, "SELECT 1 FROM "+t+" LIMIT 1").Scan(&one)
		if err != nil && err != sql.ErrNoRows {
			return translateDamage(path, err)
		}
	}
	willWrite := head[18] != 2 || head[19] != 2 || version < SchemaVersion()
	if !willWrite {
		return nil
	}
	problems, err := integrityProblems(ctx, db, "quick_check")
	if err != nil {
		return translateDamage(path, err)
	}
	if len(problems) > 0 {
		return Errorf(EDAMAGED, "%s is damaged (%s).", path, strings.Join(problems, "; "))
	}
	return nil
}

// headerProblem checks the fields of the 100-byte SQLite header that SQLite
// itself relies on, and the file's length against the page count it records.
func headerProblem(path string, head []byte) string {
	pageSize := int(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return fmt.Sprintf("page size %d", pageSize)
	}
	if head[18] < 1 || head[18] > 2 || head[19] < 1 || head[19] > 2 {
		return "unknown file format version"
	}
	if head[21] != 64 || head[22] != 32 || head[23] != 32 {
		return "unknown payload fractions"
	}
	info, err := os.Stat(path)
	if err != nil {
		return err.Error()
	}
	size := info.Size()
	if size%int64(pageSize) != 0 {
		return fmt.Sprintf("its length %d is not a whole number of pages", size)
	}
	// The page count in the header is valid only when the two counters agree;
	// pages may also still be in the write-ahead log.
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	valid := binary.BigEndian.Uint32(head[24:28]) == binary.BigEndian.Uint32(head[92:96])
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		valid = false
	}
	if valid && pages > 0 && size < pages*int64(pageSize) {
		return fmt.Sprintf("the file is cut short: %d of %d pages", size/int64(pageSize), pages)
	}
	return ""
}
