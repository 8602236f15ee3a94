package sync

import (
	"encoding/json"
	"sort"
)

// VV is a version vector: for each computer, the Lamport counter of its
// last edit this version includes.
type VV map[string]uint64

type order int

const (
	equal order = iota
	before
	after
	concurrent
)

// compare orders a against b: before when b includes all of a and more.
func compare(a, b VV) order {
	less, more := false, false
	for d, n := range a {
		if n > b[d] {
			more = true
		} else if n < b[d] {
			less = true
		}
	}
	for d, n := range b {
		if _, ok := a[d]; !ok && n > 0 {
			less = true
		}
	}
	switch {
	case less && more:
		return concurrent
	case less:
		return before
	case more:
		return after
	}
	return equal
}

func union(a, b VV) VV {
	out := make(VV, len(a)+len(b))
	for d, n := range a {
		out[d] = n
	}
	for d, n := range b {
		out[d] = max(out[d], n)
	}
	return out
}

// stamp orders concurrent versions the same way on every computer: an edit
// before a delete (a delete never silently beats an edit), then the higher
// Lamport counter, then the device id. Wall clocks take no part.
type stamp struct {
	Deleted bool
	Lamport uint64
	Device  string
}

func (a stamp) beats(b stamp) bool {
	if a.Deleted != b.Deleted {
		return !a.Deleted
	}
	if a.Lamport != b.Lamport {
		return a.Lamport > b.Lamport
	}
	return a.Device > b.Device
}

func (v VV) encode() string {
	b, _ := json.Marshal(v)
	return string(b)
}

func decodeVV(s string) VV {
	v := VV{}
	json.Unmarshal([]byte(s), &v)
	return v
}

func sortStrings(s []string) { sort.Strings(s) }
