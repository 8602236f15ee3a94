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

// apply merges one op: a version that includes ours replaces it; one ours
// includes is already here; two made apart keep both, the winner shown and
// the other kept as a conflict (for evenings).
func (a *applier) apply(o *Op) error {
	a.st.Lamport = max(a.st.Lamport, o.Lamport)
	cur, err := a.version(o.Kind, o.ID)
	if err != nil {
		return err
	}
	incoming := &version{VV: o.VV, Lamport: o.Lamport, Device: o.Device, Deleted: o.Deleted}
	if !known(o.Kind) {
		incoming.Body = string(o.Body)
	} else if o.Deleted && o.Kind == KindReflection && cur != nil && !cur.Deleted {
		incoming.Body = ""
	}
	rel := after
	if cur != nil {
		rel = compare(o.VV, cur.VV)
	}
	if rel == after {
		// An edit here not yet sent is newer than anything that arrived.
		if p, err := a.pending(o.Kind, o.ID); err != nil {
			return err
		} else if p && cur != nil {
			rel = concurrent
		}
	}
	if rel == equal || rel == before {
		return nil
	}
	if o.Kind == KindReflection {
		a.report.Evenings = append(a.report.Evenings, o.ID)
	}
	switch rel {
	case after:
		if err := a.write(o); err != nil {
			return err
		}
		a.report.Received++
		if o.Resolves {
			if err := dropResolved(a.ctx, a.b.Tx(), o); err != nil {
				return err
			}
		}
		return storeVersion(a.ctx, a.b.Tx(), o.Kind, o.ID, incoming)
	}
	// Made apart.
	merged := &version{VV: union(cur.VV, o.VV)}
	if o.stamp().beats(cur.stamp()) {
		if o.Kind == KindReflection {
			if err := a.keepLocalAside(o.ID, cur); err != nil {
				return err
			}
			if a.extra, err = a.localPhotos(o.ID); err != nil {
				return err
			}
		}
		err := a.write(o)
		a.extra = nil
		if err != nil {
			return err
		}
		a.report.Received++
		merged.Lamport, merged.Device, merged.Deleted = o.Lamport, o.Device, o.Deleted
	} else {
		if o.Kind == KindReflection {
			if err := a.keepAside(o.ID, o.Device, o.Lamport, o.VV, o.Deleted, string(o.Body)); err != nil {
				return err
			}
			if err := a.keepIncomingPhotos(o); err != nil {
				return err
			}
		}
		merged.Lamport, merged.Device, merged.Deleted = cur.Lamport, cur.Device, cur.Deleted
	}
	if o.Resolves {
		if err := dropResolved(a.ctx, a.b.Tx(), o); err != nil {
			return err
		}
	}
	return storeVersion(a.ctx, a.b.Tx(), o.Kind, o.ID, merged)
}

// write puts or deletes the thing as the op says. What cannot be applied
// (an evening whose person was deleted apart, say) is kept as a conflict,
// never dropped.
func (a *applier) write(o *Op) error {
	if !known(o.Kind) {
		return nil
	}
	var err error
	if o.Deleted {
		err = a.del(o)
	} else {
		err = a.put(o)
	}
	if err == nil || o.Kind != KindReflection || journal.ErrorCode(err) == journal.EINTERNAL || errors.Is(err, errPhotoLate) {
		return err
	}
	a.report.Problems = append(a.report.Problems, fmt.Sprintf("An evening from %s could not be taken (%v); it is kept among the conflicts.", a.peerName, err))
	return a.keepAside(o.ID, o.Device, o.Lamport, o.VV, o.Deleted, string(o.Body))
}

// keepLocalAside keeps the evening as it stands here before another
// computer's version replaces it.
func (a *applier) keepLocalAside(id string, cur *version) error {
	body := ""
	if !cur.Deleted {
		got, err := bodies(a.b, KindReflection, []string{id})
		if err != nil {
			return err
		}
		body = string(got[id])
	}
	return a.keepAside(id, cur.Device, cur.Lamport, cur.VV, cur.Deleted || body == "", body)
}

func (a *applier) keepAside(id, device string, lamport uint64, vv VV, deleted bool, body string) error {
	res, err := a.b.Tx().ExecContext(a.ctx, `INSERT OR IGNORE INTO sync_conflicts (kind, entity_id, device, lamport, vv, deleted, body, written_utc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, KindReflection, id, device, lamport, vv.encode(), deleted, body, journal.FormatUTC(a.now))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		a.report.Conflicts++
	}
	return nil
}

// dropResolved forgets conflicts the user settled: those the resolving
// version includes.
func dropResolved(ctx context.Context, tx interface {
	queryer
	execer
}, o *Op) error {
	rows, err := tx.QueryContext(ctx, "SELECT seq, vv FROM sync_conflicts WHERE kind = ? AND entity_id = ?", o.Kind, o.ID)
	if err != nil {
		return err
	}
	var drop []int64
	for rows.Next() {
		var seq int64
		var vv string
		if err := rows.Scan(&seq, &vv); err != nil {
			rows.Close()
			return err
		}
		if r := compare(decodeVV(vv), o.VV); r == before || r == equal {
			drop = append(drop, seq)
		}
	}
	rows.Close()
	for _, seq := range drop {
		if _, err := tx.ExecContext(ctx, "DELETE FROM sync_conflicts WHERE seq = ?", seq); err != nil {
			return err
		}
	}
	return rows.Err()
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
