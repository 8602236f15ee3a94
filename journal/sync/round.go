package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"kindred/journal"
	"kindred/journal/syncfolder"
)

// Op is one thing's version as a computer sends it.
type Op struct {
	Kind     string          `json:"k"`
	ID       string          `json:"i"`
	VV       VV              `json:"v"`
	Lamport  uint64          `json:"l"`
	Device   string          `json:"d"`
	Deleted  bool            `json:"x,omitempty"`
	Body     json.RawMessage `json:"b,omitempty"`
	Resolves bool            `json:"r,omitempty"` // the user chose between two versions
	// Photos are an evening's photos, in order; their bytes are in photo
	// files of their own (PhotoRef).
	Photos []PhotoRef `json:"p,omitempty"`
	// Kept are the versions kept beside this one (an evening edited on two
	// computers apart): they travel with every version of the thing.
	Kept []Kept `json:"c,omitempty"`
}

func (o *Op) stamp() stamp { return stamp{Deleted: o.Deleted, Lamport: o.Lamport, Device: o.Device} }

// payload is what a file holds once opened.
type payload struct {
	Device string `json:"device"`
	Name   string `json:"name"`
	Wall   string `json:"wall"` // shown, never used to order
	// Deps is, for each other computer, the last file of theirs this
	// computer had taken when it wrote this one: a reader takes this file
	// only after those, so an evening never arrives before its person.
	Deps map[string]uint64 `json:"deps"`
	Ops  []Op              `json:"ops"`
}

// Report says what a round did.
type Report struct {
	Sent      int      // things this computer sent
	Received  int      // things taken from the others
	Files     int      // files read
	Conflicts int      // new versions kept aside
	Renamed   []string // people renamed so two of one name both stay
	Problems  []string // things the user should know (a folder from a backup, ...)
	// WaitingPhotos counts files left for a later round because a photo
	// they list has not arrived whole yet.
	WaitingPhotos int
	Evenings      []string // evenings this round changed or set aside, for the window to redraw
}

// Round runs one sync: this computer's changes out, the others' in.
func (e *Engine) Round(ctx context.Context) (*Report, error) {
	st, err := e.state(ctx)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return nil, ErrNotSetUp
	}
	// A journal that syncs without its triggers (set up by a build that
	// made them elsewhere, or brought back from a copy that lost them)
	// gets them again, and sends everything: nothing changed goes unsent.
	if on, err := capturing(ctx, e.s.ReadDB()); err != nil {
		return nil, err
	} else if !on {
		if err := e.s.Batch(ctx, func(b *journal.Batch) error { return startCapture(ctx, b.Tx()) }); err != nil {
			return nil, err
		}
	}
	f, err := syncfolder.OpenWithKey(st.Folder, st.FolderID, st.Key)
	if err != nil {
		return nil, fmt.Errorf("sync with %s: %w; nothing was changed", st.Folder, err)
	}
	if err := probeWritable(f, st.Device); err != nil {
		return nil, fmt.Errorf("sync with %s: the folder cannot be written (%v); nothing was changed", st.Folder, err)
	}
	f.CleanTemps(st.Device)
	rep := &Report{}
	needSnap, err := e.checkOwn(ctx, f, st, rep)
	if err != nil {
		return rep, err
	}
	if err := e.publish(ctx, f, st, needSnap, rep); err != nil {
		return rep, err
	}
	if err := e.receive(ctx, f, st, rep); err != nil {
		return rep, err
	}
	st.Synced = time.Now()
	st.Problem = ""
	if len(rep.Problems) > 0 {
		st.Problem = rep.Problems[len(rep.Problems)-1]
	}
	err = e.s.Batch(ctx, func(b *journal.Batch) error {
		cur, err := loadState(ctx, b.Tx())
		if err != nil || cur == nil {
			return err
		}
		cur.Synced, cur.Problem = st.Synced, st.Problem
		return cur.save(ctx, b.Tx())
	})
	return rep, err
}

func probeWritable(f *syncfolder.Folder, device string) error {
	dir := filepath.Join(f.Root(), device)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-probe-*")
	if err != nil {
		return err
	}
	tmp.Close()
	return os.Remove(tmp.Name())
}

// checkOwn compares this computer's files in the folder with what the
// journal remembers writing. Files newer than the journal knows (the
// journal was restored from a backup) are taken back in; files missing or
// older (the folder was restored, or a crash came before the file was
// written) mean everything is published again as a snapshot.
func (e *Engine) checkOwn(ctx context.Context, f *syncfolder.Folder, st *state, rep *Report) (bool, error) {
	list, err := f.List(st.Device)
	if err != nil {
		return false, err
	}
	var newest uint64
	var copies []syncfolder.Entry
	for _, en := range list {
		if en.Copy {
			copies = append(copies, en)
			continue
		}
		newest = max(newest, en.Counter)
	}
	if newest > st.Counter {
		// Our own files the journal does not remember: take them as
		// another computer's, then carry on after them.
		rep.Problems = append(rep.Problems, fmt.Sprintf("This journal is older than its own files in the folder (file %d, journal at %d): it was restored from a backup; the newer files were taken back in.", newest, st.Counter))
		if err := e.receiveDevice(ctx, f, st, st.Device, list, st.Counter, rep, true); err != nil {
			return false, err
		}
		st.Counter, st.Published = newest, newest
		if err := e.s.Batch(ctx, func(b *journal.Batch) error { return st.save(ctx, b.Tx()) }); err != nil {
			return false, err
		}
	}
	// The service's copies of our own files: ours to tidy.
	for _, c := range copies {
		f.Remove(st.Device, c.Name)
	}
	switch {
	case st.Counter == 0:
		return true, nil
	case newest < st.Published:
		rep.Problems = append(rep.Problems, fmt.Sprintf("This computer's files in the folder are older than the journal (file %d, journal at %d): the folder may have been restored from a backup. Everything was published again.", newest, st.Published))
		return true, nil
	case newest < st.Counter:
		return true, nil // a round stopped before its file was written
	}
	return false, nil
}

// publish sends what changed since the last round (or everything, as a
// snapshot) in one new file.
func (e *Engine) publish(ctx context.Context, f *syncfolder.Folder, st *state, snap bool, rep *Report) error {
	if !snap && st.Counter-st.LastSnap >= e.SnapshotEvery {
		snap = true
	}
	var pl *payload
	var n uint64
	err := e.s.Batch(ctx, func(b *journal.Batch) error {
		tx := b.Tx()
		cur, err := loadState(ctx, tx)
		if err != nil {
			return err
		}
		*st = *cur
		changed, err := pendingChanges(ctx, tx)
		if err != nil {
			return err
		}
		if len(changed) == 0 && !snap {
			return nil
		}
		resolves, err := pendingResolves(ctx, tx)
		if err != nil {
			return err
		}
		st.Lamport++
		ops, err := e.stampChanges(ctx, b, st, changed, resolves)
		if err != nil {
			return err
		}
		if snap {
			if ops, err = snapshotOps(ctx, b, st.Device); err != nil {
				return err
			}
		}
		// A snapshot holds everything it refers to, so it waits for no
		// other computer's file (two snapshots waiting on each other's
		// computers would wait forever).
		var deps map[string]uint64
		if !snap {
			if deps, err = appliedMap(ctx, tx); err != nil {
				return err
			}
		}
		st.Counter++
		n = st.Counter
		if snap {
			st.LastSnap = n
		}
		pl = &payload{Device: st.Device, Name: st.Name, Wall: time.Now().UTC().Format(time.RFC3339), Deps: deps, Ops: ops}
		rep.Sent = len(ops)
		if _, err := tx.ExecContext(ctx, "DELETE FROM sync_changes"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sync_local WHERE key LIKE 'resolve:%'"); err != nil {
			return err
		}
		return st.save(ctx, tx)
	})
	if err != nil {
		return err
	}
	// Photo files first: a file never names a photo whose bytes are not
	// in the folder before it.
	if err := e.writeOwnBlobs(ctx, f, st); err != nil {
		return err
	}
	if pl == nil {
		return nil
	}
	body, err := json.Marshal(pl)
	if err != nil {
		return err
	}
	if err := f.Write(st.Device, n, snap, body, e.crashBeforeRename); err != nil {
		return fmt.Errorf("sync with %s: %w", st.Folder, err)
	}
	if e.crashAfterWrite != nil {
		if err := e.crashAfterWrite(); err != nil {
			return err
		}
	}
	st.Published = n
	if err := e.s.Batch(ctx, func(b *journal.Batch) error {
		_, err := b.Tx().ExecContext(ctx, "UPDATE sync_local SET value = ? WHERE key = 'published'", fmt.Sprint(n))
		return err
	}); err != nil {
		return err
	}
	if snap {
		// The snapshot holds everything: this computer's older files go.
		list, _ := f.List(st.Device)
		for _, en := range list {
			if en.Counter < n {
				f.Remove(st.Device, en.Name)
			}
		}
	}
	return nil
}

type key struct{ kind, id string }

func pendingChanges(ctx context.Context, tx queryer) ([]key, error) {
	rows, err := tx.QueryContext(ctx, "SELECT kind, id FROM sync_changes ORDER BY kind, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []key
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.kind, &k.id); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

func pendingResolves(ctx context.Context, tx queryer) (map[key]bool, error) {
	rows, err := tx.QueryContext(ctx, "SELECT value FROM sync_local WHERE key LIKE 'resolve:%'")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[key]bool{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		var k [2]string
		if json.Unmarshal([]byte(v), &k) == nil {
			out[key{k[0], k[1]}] = true
		}
	}
	return out, rows.Err()
}

// version is a thing's stored version.
type version struct {
	VV      VV
	Lamport uint64
	Device  string
	Deleted bool
	Body    string
}

func (v *version) stamp() stamp {
	return stamp{Deleted: v.Deleted, Lamport: v.Lamport, Device: v.Device}
}

func loadVersion(ctx context.Context, tx queryer, kind, id string) (*version, error) {
	var v version
	var vv string
	err := tx.QueryRowContext(ctx, "SELECT vv, lamport, device, deleted, body FROM sync_versions WHERE kind = ? AND id = ?", kind, id).
		Scan(&vv, &v.Lamport, &v.Device, &v.Deleted, &v.Body)
	if err != nil {
		if errors.Is(err, errNoRows) {
			return nil, nil
		}
		return nil, err
	}
	v.VV = decodeVV(vv)
	return &v, nil
}

func storeVersion(ctx context.Context, tx execer, kind, id string, v *version) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sync_versions (kind, id, vv, lamport, device, deleted, body) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, id) DO UPDATE SET vv = excluded.vv, lamport = excluded.lamport, device = excluded.device, deleted = excluded.deleted, body = excluded.body`,
		kind, id, v.VV.encode(), v.Lamport, v.Device, v.Deleted, v.Body)
	return err
}

// stampChanges gives each changed thing a new version of this computer's
// and returns them as ops.
func (e *Engine) stampChanges(ctx context.Context, b *journal.Batch, st *state, changed []key, resolves map[key]bool) ([]Op, error) {
	byKind := map[string][]string{}
	for _, k := range changed {
		byKind[k.kind] = append(byKind[k.kind], k.id)
	}
	var ops []Op
	for _, kind := range sortedKeys(byKind) {
		ids := byKind[kind]
		if !known(kind) {
			continue
		}
		photos := map[string][]journal.Photo{}
		cur, err := bodiesAndPhotos(b, kind, ids, photos)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			old, err := loadVersion(ctx, b.Tx(), kind, id)
			if err != nil {
				return nil, err
			}
			vv := VV{}
			if old != nil {
				vv = union(vv, old.VV)
			}
			vv[st.Device] = st.Lamport
			body, ok := cur[id]
			v := &version{VV: vv, Lamport: st.Lamport, Device: st.Device, Deleted: !ok}
			if err := storeVersion(ctx, b.Tx(), kind, id, v); err != nil {
				return nil, err
			}
			op := Op{Kind: kind, ID: id, VV: vv, Lamport: st.Lamport, Device: st.Device, Deleted: !ok, Body: body, Resolves: resolves[key{kind, id}]}
			if op.Photos, err = photoRefs(ctx, b.Tx(), st.Device, photos[id]); err != nil {
				return nil, err
			}
			// An evening's kept versions go with it (settling one removed
			// its row); a person, kind or setting edited here replaces them.
			if err := clearKeptOnEdit(ctx, b.Tx(), kind, id); err != nil {
				return nil, err
			}
			rows, err := keptRows(ctx, b.Tx(), kind, id)
			if err != nil {
				return nil, err
			}
			op.Kept = keptOps(rows)
			ops = append(ops, op)
		}
	}
	return ops, nil
}

func sortedKeys(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// snapshotOps is everything the journal holds with its version, deletes
// included, so a computer joining from it needs no older file.
func snapshotOps(ctx context.Context, b *journal.Batch, device string) ([]Op, error) {
	rows, err := b.Tx().QueryContext(ctx, "SELECT kind, id, vv, lamport, device, deleted, body FROM sync_versions ORDER BY kind, id")
	if err != nil {
		return nil, err
	}
	var ops []Op
	byKind := map[string][]string{}
	for rows.Next() {
		var o Op
		var vv, body string
		if err := rows.Scan(&o.Kind, &o.ID, &vv, &o.Lamport, &o.Device, &o.Deleted, &body); err != nil {
			rows.Close()
			return nil, err
		}
		o.VV = decodeVV(vv)
		if body != "" {
			o.Body = json.RawMessage(body)
		}
		ops = append(ops, o)
		if !o.Deleted && known(o.Kind) {
			byKind[o.Kind] = append(byKind[o.Kind], o.ID)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	kept, err := allKept(ctx, b.Tx())
	if err != nil {
		return nil, err
	}
	for i := range ops {
		ops[i].Kept = kept[key{ops[i].Kind, ops[i].ID}]
	}
	cur := map[string]map[string][]byte{}
	photos := map[string][]journal.Photo{}
	for kind, ids := range byKind {
		if cur[kind], err = bodiesAndPhotos(b, kind, ids, photos); err != nil {
			return nil, err
		}
	}
	for i := range ops {
		o := &ops[i]
		if !o.Deleted && known(o.Kind) {
			o.Body = cur[o.Kind][o.ID]
			if o.Body == nil {
				o.Deleted = true // gone without a version: sent as deleted
			}
			if o.Kind == KindReflection && !o.Deleted {
				if o.Photos, err = photoRefs(ctx, b.Tx(), device, photos[o.ID]); err != nil {
					return nil, err
				}
			}
		}
	}
	return ops, nil
}

func appliedMap(ctx context.Context, tx queryer) (map[string]uint64, error) {
	rows, err := tx.QueryContext(ctx, "SELECT device, applied FROM sync_devices")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]uint64{}
	for rows.Next() {
		var d string
		var n uint64
		if err := rows.Scan(&d, &n); err != nil {
			return nil, err
		}
		out[d] = n
	}
	return out, rows.Err()
}
