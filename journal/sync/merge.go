package sync

import (
	"context"
	"encoding/json"
)

// Kept is a version of a thing kept beside the one shown: for an evening,
// the other side of "edited on two computers". Every version a computer
// sends carries the versions it keeps, so a computer that never saw the
// two originals (it joined from a snapshot, or its files were replaced by
// one) learns of the conflict all the same.
type Kept struct {
	Device  string          `json:"d"`
	Lamport uint64          `json:"l"`
	VV      VV              `json:"v"`
	Deleted bool            `json:"x,omitempty"`
	Body    json.RawMessage `json:"b,omitempty"`
}

// dot names one version of one thing: the computer that wrote it and its
// Lamport counter there. A computer's versions of a thing follow one
// another, so a version vector whose entry for that computer reaches the
// counter has seen this version.
type dot struct {
	Device  string
	Lamport uint64
}

func (v VV) covers(d dot) bool { return v[d.Device] >= d.Lamport }

// sibling is one version in the set a thing holds: the one shown and the
// ones kept beside it.
type sibling struct {
	dot
	VV      VV
	Deleted bool
	Body    string
	shown   bool  // the version the journal holds now (local) or the op's own (incoming)
	seq     int64 // its row in sync_conflicts, when kept here
}

func (s *sibling) stamp() stamp {
	return stamp{Deleted: s.Deleted, Lamport: s.Lamport, Device: s.Device}
}

// mergeSiblings is the set both sides keep, by the rule of an observed-
// remove set: a version one side holds and the other does not is dropped
// when the other side has seen it (it was edited over or settled there),
// and kept when it has not. The result does not depend on the order
// versions arrive in, nor on how often.
func mergeSiblings(local []sibling, localVV VV, in []sibling, inVV VV) []sibling {
	inHas, localHas := map[dot]bool{}, map[dot]bool{}
	for _, s := range in {
		inHas[s.dot] = true
	}
	for _, s := range local {
		localHas[s.dot] = true
	}
	var out []sibling
	seen := map[dot]bool{}
	add := func(s sibling) {
		if !seen[s.dot] {
			seen[s.dot] = true
			out = append(out, s)
		}
	}
	for _, s := range local {
		if inHas[s.dot] || !inVV.covers(s.dot) {
			add(s)
		}
	}
	for _, s := range in {
		if !localHas[s.dot] && !localVV.covers(s.dot) {
			add(s)
		}
	}
	return out
}

// winner is the version shown of a set: the same on every computer.
func winner(set []sibling) int {
	w := 0
	for i := range set {
		if set[i].stamp().beats(set[w].stamp()) {
			w = i
		}
	}
	return w
}

func keptRows(ctx context.Context, tx queryer, kind, id string) ([]sibling, error) {
	rows, err := tx.QueryContext(ctx, "SELECT seq, device, lamport, vv, deleted, body FROM sync_conflicts WHERE kind = ? AND entity_id = ? ORDER BY lamport, device", kind, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sibling
	for rows.Next() {
		var s sibling
		var vv string
		if err := rows.Scan(&s.seq, &s.Device, &s.Lamport, &vv, &s.Deleted, &s.Body); err != nil {
			return nil, err
		}
		s.VV = decodeVV(vv)
		out = append(out, s)
	}
	return out, rows.Err()
}

// keptOps is what a version sends of the versions kept beside it.
func keptOps(rows []sibling) []Kept {
	var out []Kept
	for _, s := range rows {
		k := Kept{Device: s.Device, Lamport: s.Lamport, VV: s.VV, Deleted: s.Deleted}
		if s.Body != "" {
			k.Body = json.RawMessage(s.Body)
		}
		out = append(out, k)
	}
	return out
}

// allKept is every kept version in the journal, by thing, for a snapshot.
func allKept(ctx context.Context, tx queryer) (map[key][]Kept, error) {
	rows, err := tx.QueryContext(ctx, "SELECT kind, entity_id, device, lamport, vv, deleted, body FROM sync_conflicts ORDER BY kind, entity_id, lamport, device")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[key][]Kept{}
	for rows.Next() {
		var k key
		var kp Kept
		var vv, body string
		if err := rows.Scan(&k.kind, &k.id, &kp.Device, &kp.Lamport, &vv, &kp.Deleted, &body); err != nil {
			return nil, err
		}
		kp.VV = decodeVV(vv)
		if body != "" {
			kp.Body = json.RawMessage(body)
		}
		out[k] = append(out[k], kp)
	}
	return out, rows.Err()
}
