package sync

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"kindred/journal"
	"kindred/journal/syncfolder"
)

var errNoRows = sql.ErrNoRows

// peer is what this journal knows of another computer.
type peer struct {
	applied, newest uint64
	name, wall      string
	problem         string
}

func loadPeers(ctx context.Context, tx queryer) (map[string]*peer, error) {
	rows, err := tx.QueryContext(ctx, "SELECT device, name, applied, newest, wall_utc, problem FROM sync_devices")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]*peer{}
	for rows.Next() {
		var d string
		p := &peer{}
		if err := rows.Scan(&d, &p.name, &p.applied, &p.newest, &p.wall, &p.problem); err != nil {
			return nil, err
		}
		out[d] = p
	}
	return out, rows.Err()
}

func savePeer(ctx context.Context, tx execer, d string, p *peer) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sync_devices (device, name, applied, newest, wall_utc, problem) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (device) DO UPDATE SET name = excluded.name, applied = excluded.applied, newest = excluded.newest, wall_utc = excluded.wall_utc, problem = excluded.problem`,
		d, p.name, p.applied, p.newest, p.wall, p.problem)
	return err
}

// receive takes the other computers' new files, each computer's in
// counter order, a file only after those it depends on.
func (e *Engine) receive(ctx context.Context, f *syncfolder.Folder, st *state, rep *Report) error {
	devices, err := f.Devices()
	if err != nil {
		return err
	}
	lists := map[string][]syncfolder.Entry{}
	var peers map[string]*peer
	if err := e.s.Batch(ctx, func(b *journal.Batch) (err error) {
		peers, err = loadPeers(ctx, b.Tx())
		return err
	}); err != nil {
		return err
	}
	total := 0
	for _, d := range devices {
		if d == st.Device {
			continue
		}
		list, err := f.List(d)
		if err != nil {
			return err
		}
		p := peers[d]
		if p == nil {
			p = &peer{}
			peers[d] = p
		}
		var newest uint64
		for _, en := range list {
			if !en.Copy {
				newest = max(newest, en.Counter)
			}
		}
		p.problem = ""
		if newest < p.applied && newest > 0 || newest < p.newest && len(list) > 0 {
			p.problem = fmt.Sprintf("its files went back from %d to %d: the folder may have been restored from an old backup; nothing older was taken", max(p.applied, p.newest), newest)
			rep.Problems = append(rep.Problems, fmt.Sprintf("Computer %s: %s.", nameOr(p.name, d), p.problem))
		}
		p.newest = max(p.newest, newest)
		lists[d] = list
		for _, en := range list {
			if en.Counter > p.applied && !en.Copy {
				total++
			}
		}
	}
	done := 0
	// Passes until no computer can go further: a file whose dependencies
	// are not taken yet waits for the next pass, or the next round.
	for progress := true; progress; {
		progress = false
		for _, d := range sortedDevices(lists) {
			for {
				ok, err := e.nextFile(ctx, f, st, d, lists[d], peers, rep)
				if err != nil {
					return err
				}
				if !ok {
					break
				}
				progress = true
				done++
				if e.progress != nil {
					e.progress(min(done, total), total)
				}
			}
		}
	}
	return e.s.Batch(ctx, func(b *journal.Batch) error {
		for d, p := range peers {
			if err := savePeer(ctx, b.Tx(), d, p); err != nil {
				return err
			}
		}
		return nil
	})
}

func nameOr(name, id string) string {
	if name != "" {
		return fmt.Sprintf("%q (%s)", name, id[:8])
	}
	return id[:8]
}

func sortedDevices(m map[string][]syncfolder.Entry) []string {
	out := make([]string, 0, len(m))
	for d := range m {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

// nextFile takes computer d's next file, if it is there whole and its
// dependencies are met: the file after the last taken or, when the files
// between are gone, the newest snapshot.
func (e *Engine) nextFile(ctx context.Context, f *syncfolder.Folder, st *state, d string, list []syncfolder.Entry, peers map[string]*peer, rep *Report) (bool, error) {
	p := peers[d]
	next := p.applied + 1
	var file, snap *syncfolder.Entry
	var copies []syncfolder.Entry
	for i := range list {
		en := &list[i]
		switch {
		case en.Counter == next && en.Copy:
			copies = append(copies, *en)
		case en.Counter == next && !en.Snap:
			file = en
		case en.Counter >= next && en.Snap && !en.Copy:
			snap = en // the list is in counter order: the last is newest
		}
	}
	var pick *syncfolder.Entry
	var pl *payload
	for _, cand := range []*syncfolder.Entry{file, snap} {
		if cand == nil {
			continue
		}
		got, err := readPayload(f, d, *cand)
		if err != nil {
			continue // half-written or not ours: next round
		}
		pick, pl = cand, got
		break
	}
	if pick == nil {
		// A service's copy may be the only whole one.
		for _, c := range copies {
			if got, err := readPayload(f, d, c); err == nil {
				pick, pl = &c, got
				break
			}
		}
	}
	if pick == nil {
		return false, nil
	}
	for dep, n := range pl.Deps {
		if dep == d || dep == st.Device {
			continue
		}
		if q := peers[dep]; q == nil || q.applied < n {
			return false, nil
		}
	}
	ready, photos, err := e.photosReady(ctx, f, pl)
	if err != nil {
		return false, err
	}
	if !ready {
		rep.WaitingPhotos++
		return false, nil
	}
	if photos {
		if err := e.s.PreparePhotoKey(ctx); err != nil {
			return false, err
		}
	}
	if err := e.applyFile(ctx, f, st, d, pick, pl, p, rep); err != nil {
		if errors.Is(err, errPhotoLate) {
			rep.WaitingPhotos++
			return false, nil
		}
		return false, err
	}
	// Copies of the same file add nothing new, but cannot hurt either:
	// their ops go through the same merge, so none can override.
	for _, c := range copies {
		if c.Name == pick.Name {
			continue
		}
		if got, err := readPayload(f, d, c); err == nil {
			if err := e.applyFile(ctx, f, st, d, &c, got, p, rep); err != nil && !errors.Is(err, errPhotoLate) {
				return false, err
			}
		}
	}
	return true, nil
}

func readPayload(f *syncfolder.Folder, d string, en syncfolder.Entry) (*payload, error) {
	body, err := f.Read(d, en)
	if err != nil {
		return nil, err
	}
	var pl payload
	if err := json.Unmarshal(body, &pl); err != nil || pl.Device != d {
		return nil, syncfolder.ErrUnreadable
	}
	return &pl, nil
}

// applyFile merges one file's ops in one transaction, with the triggers
// quiet, and notes the file as taken.
func (e *Engine) applyFile(ctx context.Context, f *syncfolder.Folder, st *state, d string, en *syncfolder.Entry, pl *payload, p *peer, rep *Report) error {
	sort.SliceStable(pl.Ops, func(i, j int) bool { return applyOrder(&pl.Ops[i]) < applyOrder(&pl.Ops[j]) })
	return e.s.Batch(ctx, func(b *journal.Batch) error {
		tx := b.Tx()
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO sync_applying (one) VALUES (1)"); err != nil {
			return err
		}
		cur, err := loadState(ctx, tx)
		if err != nil {
			return err
		}
		a := &applier{ctx: ctx, b: b, f: f, now: e.s.Now(), st: cur, report: rep, peerName: pl.Name}
		for i := range pl.Ops {
			if err := a.apply(&pl.Ops[i]); err != nil {
				return fmt.Errorf("take %s/%s: %w", d[:8], en.Name, err)
			}
		}
		if en.Counter > p.applied {
			p.applied = en.Counter
		}
		p.name, p.wall = pl.Name, pl.Wall
		if err := savePeer(ctx, tx, d, p); err != nil {
			return err
		}
		if err := cur.save(ctx, tx); err != nil {
			return err
		}
		st.Lamport = cur.Lamport
		rep.Files++
		_, err = tx.ExecContext(ctx, "DELETE FROM sync_applying")
		return err
	})
}

// applier merges ops into the journal inside one transaction.
type applier struct {
	ctx context.Context
	b   *journal.Batch
	f   *syncfolder.Folder
	// extra are photos the evening keeps besides the incoming version's:
	// those of a version made apart that lost (withExtra).
	extra    []journal.Photo
	now      time.Time
	st       *state
	report   *Report
	peerName string
}

func (a *applier) version(kind, id string) (*version, error) {
	return loadVersion(a.ctx, a.b.Tx(), kind, id)
}

// changed marks a thing as this computer's edit, to be sent next round.
func (a *applier) changed(kind, id string) {
	a.b.Tx().ExecContext(a.ctx, "INSERT OR IGNORE INTO sync_changes (kind, id) VALUES (?, ?)", kind, id)
}

func (a *applier) pending(kind, id string) (bool, error) {
	var one int
	err := a.b.Tx().QueryRowContext(a.ctx, "SELECT 1 FROM sync_changes WHERE kind = ? AND id = ?", kind, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// apply merges one op. A thing holds a set of versions: the one shown and
// those kept beside it (mergeSiblings). A version that includes ours
// replaces it; one ours includes is already here; two made apart both
// stay, the winner shown and the other kept (for evenings, a conflict the
// user settles). The op carries the versions its sender keeps, so the set
// is the same on every computer whatever order files arrive in.
func (a *applier) apply(o *Op) error {
	ctx, tx := a.ctx, a.b.Tx()
	a.st.Lamport = max(a.st.Lamport, o.Lamport)
	for _, k := range o.Kept {
		a.st.Lamport = max(a.st.Lamport, k.Lamport)
	}
	cur, err := a.version(o.Kind, o.ID)
	if err != nil {
		return err
	}
	// An edit here not yet sent is a version of its own: stamped now, it
	// takes part in the merge like any other (and is sent next round).
	if p, err := a.pending(o.Kind, o.ID); err != nil {
		return err
	} else if p && known(o.Kind) {
		if cur, err = a.stampLocal(o.Kind, o.ID, cur); err != nil {
			return err
		}
	}
	in := []sibling{{dot: dot{o.Device, o.Lamport}, VV: o.VV, Deleted: o.Deleted, Body: string(o.Body), shown: true}}
	for _, k := range o.Kept {
		in = append(in, sibling{dot: dot{k.Device, k.Lamport}, VV: k.VV, Deleted: k.Deleted, Body: string(k.Body)})
	}
	var local, rows []sibling
	localVV := VV{}
	var localShown dot
	if cur != nil {
		localVV = cur.VV
		localShown = dot{cur.Device, cur.Lamport}
		local = append(local, sibling{dot: localShown, VV: cur.VV, Deleted: cur.Deleted, Body: cur.Body, shown: true})
		if rows, err = keptRows(ctx, tx, o.Kind, o.ID); err != nil {
			return err
		}
		local = append(local, rows...)
	}
	set := mergeSiblings(local, localVV, in, o.VV)
	if len(set) == 0 {
		set = in[:1] // each side dropped the other's: cannot happen, but never drop both
	}
	merged := union(localVV, o.VV)
	if cur != nil && sameDots(set, local) {
		if compare(merged, localVV) == equal {
			return nil // already here
		}
		cur.VV = merged
		return storeVersion(ctx, tx, o.Kind, o.ID, cur)
	}
	if o.Kind == KindReflection {
		a.report.Evenings = append(a.report.Evenings, o.ID)
	}
	has := map[dot]bool{}
	for _, s := range set {
		has[s.dot] = true
	}
	isRow := map[dot]bool{}
	for _, r := range rows {
		isRow[r.dot] = true
	}
	w := set[winner(set)]
	shown := w
	var localBody string
	localDeleted := cur != nil && cur.Deleted
	if cur != nil && w.dot != localShown && has[localShown] && !isRow[localShown] {
		// The evening as it stands here stays beside the new one: read it
		// before it is written over.
		if !known(o.Kind) {
			localBody = cur.Body
		} else if !cur.Deleted {
			got, err := bodies(a.b, o.Kind, []string{o.ID})
			if err != nil {
				return err
			}
			localBody = string(got[o.ID])
			localDeleted = localBody == ""
		}
	}
	var failed bool
	if cur == nil || w.dot != localShown {
		wo := Op{Kind: o.Kind, ID: o.ID, VV: w.VV, Lamport: w.Lamport, Device: w.Device, Deleted: w.Deleted, Body: json.RawMessage(w.Body)}
		fromOp := w.dot == in[0].dot
		if fromOp {
			wo.Photos = o.Photos
		}
		if cur != nil && o.Kind == KindReflection && (has[localShown] || !fromOp) {
			// The photos shown here stay: beside the other computer's when
			// the version here is kept, alone when a kept version (text
			// only) takes its place.
			if a.extra, err = a.localPhotos(o.ID); err != nil {
				return err
			}
		}
		err := a.write(&wo)
		a.extra = nil
		if err != nil {
			if o.Kind != KindReflection || journal.ErrorCode(err) == journal.EINTERNAL || errors.Is(err, errPhotoLate) {
				return err
			}
			// What cannot be applied (an evening whose person was deleted
			// apart, say) is kept as a conflict, never dropped.
			a.report.Problems = append(a.report.Problems, fmt.Sprintf("An evening from %s could not be taken (%v); it is kept among the conflicts.", a.peerName, err))
			failed = true
		} else {
			a.report.Received++
		}
	} else if o.Kind == KindReflection && has[in[0].dot] && !in[0].Deleted {
		if err := a.keepIncomingPhotos(o); err != nil {
			return err
		}
	}
	// The rows kept beside the version shown: exactly the set but it.
	want := map[dot]sibling{}
	for _, s := range set {
		if s.dot != shown.dot || failed {
			want[s.dot] = s
		}
	}
	for _, r := range rows {
		if _, ok := want[r.dot]; ok {
			delete(want, r.dot)
			continue
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sync_conflicts WHERE seq = ?", r.seq); err != nil {
			return err
		}
	}
	for _, s := range set {
		if _, ok := want[s.dot]; !ok {
			continue
		}
		body, deleted := s.Body, s.Deleted
		if cur != nil && s.dot == localShown {
			body, deleted = localBody, localDeleted
		}
		if err := a.keepAside(o.Kind, o.ID, s.Device, s.Lamport, s.VV, deleted || (known(o.Kind) && body == ""), body); err != nil {
			return err
		}
	}
	v := &version{VV: merged, Lamport: shown.Lamport, Device: shown.Device, Deleted: shown.Deleted}
	if !known(o.Kind) {
		v.Body = shown.Body
	}
	return storeVersion(ctx, tx, o.Kind, o.ID, v)
}

func sameDots(a, b []sibling) bool {
	if len(a) != len(b) {
		return false
	}
	in := map[dot]bool{}
	for _, s := range b {
		in[s.dot] = true
	}
	for _, s := range a {
		if !in[s.dot] {
			return false
		}
	}
	return true
}

// stampLocal gives an edit made here and not yet sent a version of this
// computer's, as the next round would.
func (a *applier) stampLocal(kind, id string, cur *version) (*version, error) {
	a.st.Lamport++
	got, err := bodies(a.b, kind, []string{id})
	if err != nil {
		return nil, err
	}
	_, ok := got[id]
	vv := VV{}
	if cur != nil {
		vv = union(vv, cur.VV)
	}
	vv[a.st.Device] = a.st.Lamport
	v := &version{VV: vv, Lamport: a.st.Lamport, Device: a.st.Device, Deleted: !ok}
	if err := clearKeptOnEdit(a.ctx, a.b.Tx(), kind, id); err != nil {
		return nil, err
	}
	return v, storeVersion(a.ctx, a.b.Tx(), kind, id, v)
}

// clearKeptOnEdit: an edit here replaces every version of a person, a
// kind, a setting (last version wins, silently); an evening's other
// versions stay until the user settles them.
func clearKeptOnEdit(ctx context.Context, tx execer, kind, id string) error {
	if kind == KindReflection {
		return nil
	}
	_, err := tx.ExecContext(ctx, "DELETE FROM sync_conflicts WHERE kind = ? AND entity_id = ?", kind, id)
	return err
}

// write puts or deletes the thing as the op says.
func (a *applier) write(o *Op) error {
	if !known(o.Kind) {
		return nil
	}
	if o.Deleted {
		return a.del(o)
	}
	return a.put(o)
}

func (a *applier) keepAside(kind, id, device string, lamport uint64, vv VV, deleted bool, body string) error {
	res, err := a.b.Tx().ExecContext(a.ctx, `INSERT OR IGNORE INTO sync_conflicts (kind, entity_id, device, lamport, vv, deleted, body, written_utc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, kind, id, device, lamport, vv.encode(), deleted, body, journal.FormatUTC(a.now))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 && kind == KindReflection {
		a.report.Conflicts++
	}
	return nil
}

// receiveDevice takes a computer's files after counter `from`, in order,
// with no regard to dependencies: used for this computer's own files that
// a journal restored from a backup does not remember.
func (e *Engine) receiveDevice(ctx context.Context, f *syncfolder.Folder, st *state, d string, list []syncfolder.Entry, from uint64, rep *Report, _ bool) error {
	p := &peer{applied: from}
	for i := range list {
		en := list[i]
		if en.Counter <= from || en.Copy {
			continue
		}
		pl, err := readPayload(f, d, en)
		if err != nil {
			continue
		}
		if err := e.applyFile(ctx, f, st, d, &en, pl, p, rep); err != nil {
			if errors.Is(err, errPhotoLate) {
				break // taken again next round, as another computer's
			}
			return err
		}
	}
	return e.s.Batch(ctx, func(b *journal.Batch) error {
		_, err := b.Tx().ExecContext(ctx, "DELETE FROM sync_devices WHERE device = ?", d)
		return err
	})
}

// localPhotos are the evening's photos here (none when it is deleted).
func (a *applier) localPhotos(id string) ([]journal.Photo, error) {
	rs, err := a.b.Reflections([]string{id})
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	return rs[0].Photos, nil
}

// keepIncomingPhotos adds to the evening shown here the photos of a version
// made apart that lost to it, so neither computer's photo is dropped.
func (a *applier) keepIncomingPhotos(o *Op) error {
	if o.Deleted || len(o.Photos) == 0 {
		return nil
	}
	rs, err := a.b.Reflections([]string{o.ID})
	if err != nil || len(rs) == 0 {
		return err
	}
	r := &rs[0]
	all := withExtra(r.Photos, linked(o.Photos))
	if len(all) == len(r.Photos) {
		return nil
	}
	if err := a.importPhotos(o.Photos); err != nil {
		return err
	}
	r.Photos = all
	return a.b.PutReflection(r)
}
