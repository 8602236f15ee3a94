package journal

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"os"
	"strings"
	"sync"
)

// journalTables are the tables every journal has from version 1 on; probe
// reads a row of each.
var journalTables = []string{"people", "moment_kinds", "reflections", "encounters", "moments", "drafts", "dismissed_suggestions", "settings"}

// probeDeeper goes on where probe's first look stopped, still read-only: the
// schema must be the one Kindred wrote, and every table readable. Opening
// writes to a journal only to switch it to WAL, to migrate it or to rebuild
// its search index; before any of these the whole file is checked, so a
// damaged journal is never written to by being opened.
func probeDeeper(ctx context.Context, db *sql.DB, path string, head []byte, version int) error {
	rows, err := db.QueryContext(ctx, "SELECT type, name, ifnull(sql, '') FROM sqlite_schema")
	if err != nil {
		return translateDamage(path, err)
	}
	schema := map[string]string{}
	for rows.Next() {
		var typ, name, text string
		if err := rows.Scan(&typ, &name, &text); err != nil {
			rows.Close()
			return translateDamage(path, err)
		}
		schema[typ+" "+name] = text
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return translateDamage(path, err)
	}
	if version == 0 {
		if len(schema) > 0 {
			return Errorf(EDAMAGED, "%s is damaged (it holds tables but no journal version).", path)
		}
		return nil
	}
	want, err := expectedSchema(version)
	if err != nil {
		return err
	}
	for obj, text := range want {
		got, ok := schema[obj]
		if !ok {
			return Errorf(EDAMAGED, "%s is damaged, or not a Kindred journal (no %s).", path, obj)
		}
		if got != text {
			return Errorf(EDAMAGED, "%s is damaged (the definition of %s changed).", path, obj)
		}
	}
	for _, t := range journalTables {
		// Reading one row reaches the table's root page.
		var one int
		err := db.QueryRowContext(ctx, "SELECT 1 FROM "+t+" LIMIT 1").Scan(&one)
		if err != nil && err != sql.ErrNoRows {
			return translateDamage(path, err)
		}
	}
	// Opening writes to switch to WAL, to migrate, and to rebuild a search
	// index written with an older spelling of words.
	var searchVersion string
	err = db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", searchIndexSetting).Scan(&searchVersion)
	if err != nil && err != sql.ErrNoRows {
		return translateDamage(path, err)
	}
	willWrite := head[18] != 2 || head[19] != 2 || version < SchemaVersion() || searchVersion != searchIndexVersion
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

var (
	schemaMu    sync.Mutex
	schemaCache = map[int]map[string]string{}
)

// expectedSchema is the schema migrations write up to version, read from a
// scratch in-memory database: a journal whose own schema text differs was
// changed by something other than Kindred, most likely a failing disk.
func expectedSchema(version int) (map[string]string, error) {
	schemaMu.Lock()
	defer schemaMu.Unlock()
	if m, ok := schemaCache[version]; ok {
		return m, nil
	}
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	names := migrations()
	for i := 0; i < len(names) && migrationVersion(names[i]) <= version; i++ {
		body, err := migrationFS.ReadFile(names[i])
		if err != nil {
			return nil, err
		}
		if _, err := db.Exec(string(body)); err != nil {
			return nil, fmt.Errorf("apply %s to a scratch database: %w", names[i], err)
		}
	}
	rows, err := db.Query("SELECT type, name, ifnull(sql, '') FROM sqlite_schema")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var typ, name, text string
		if err := rows.Scan(&typ, &name, &text); err != nil {
			return nil, err
		}
		m[typ+" "+name] = text
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	schemaCache[version] = m
	return m, nil
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
	if f := binary.BigEndian.Uint32(head[44:48]); f > 4 {
		return fmt.Sprintf("unknown schema format %d", f)
	}
	if e := binary.BigEndian.Uint32(head[56:60]); e != 1 {
		// Kindred journals are UTF-8; SQLite would read others, differently.
		return fmt.Sprintf("text encoding %d", e)
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
