package sync

import (
	"fmt"
	"sort"
	"testing"
)

// state of one thing as a computer holds it: what it has seen and the
// versions it keeps.
type held struct {
	vv  VV
	set []sibling
}

func (h held) merge(o held) held {
	return held{vv: union(h.vv, o.vv), set: mergeSiblings(h.set, h.vv, o.set, o.vv)}
}

func (h held) String() string {
	var ds []string
	for _, s := range h.set {
		ds = append(ds, fmt.Sprintf("%s:%d", s.Device, s.Lamport))
	}
	sort.Strings(ds)
	return fmt.Sprint(ds)
}

// Whatever order the versions of one evening arrive in, every computer
// ends with the same set, and a version edited over on its own computer
// does not come back.
func TestMergeKeepsTheSameVersionsInEveryOrder(t *testing.T) {
	v := func(d string, l uint64, vv VV, kept ...sibling) held {
		return held{vv: vv, set: append([]sibling{{dot: dot{d, l}, VV: vv}}, kept...)}
	}
	base := v("x", 1, VV{"x": 1})
	x2 := v("x", 2, VV{"x": 2})                          // x edits again
	y := v("y", 3, VV{"x": 1, "y": 3})                   // y edits apart
	z := base.merge(y).merge(x2)                         // z saw all three: keeps x2 and y
	zEdit := held{vv: union(z.vv, VV{"z": 5}), set: nil} // z edits the shown one, keeps the other
	w := z.set[winner(z.set)]
	for _, s := range z.set {
		if s.dot != w.dot {
			zEdit.set = append(zEdit.set, s)
		}
	}
	zEdit.set = append(zEdit.set, sibling{dot: dot{"z", 5}, VV: zEdit.vv})
	all := []held{base, x2, y, z, zEdit}
	want := ""
	perm(len(all), func(p []int) {
		h := held{vv: VV{}}
		for _, i := range p {
			h = h.merge(all[i])
		}
		if want == "" {
			want = h.String()
		} else if h.String() != want {
			t.Fatalf("order %v keeps %s, another %s", p, h, want)
		}
	})
	// y (the higher counter) was shown on z and edited over there; x's
	// second version stays beside z's edit; x's first is gone everywhere.
	if w.Device != "y" || want != "[x:2 z:5]" {
		t.Fatalf("shown %s, kept %s", w.Device, want)
	}
}

func perm(n int, f func([]int)) {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			f(p)
			return
		}
		for i := k; i < n; i++ {
			p[k], p[i] = p[i], p[k]
			rec(k + 1)
			p[k], p[i] = p[i], p[k]
		}
	}
	rec(0)
}
