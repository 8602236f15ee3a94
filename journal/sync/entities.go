package sync

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"kindred/journal"
	"kindred/journal/exchange"
)

// Entity kinds, as sync_changes and the files name them. A kind this build
// does not know (photos, when they sync) is kept with its version and body
// in sync_versions, so a later build can still apply it.
const (
	KindReflection = "reflection"
	KindPerson     = "person"
	KindMoment     = "kind"
	KindSetting    = "setting"
	KindDismissed  = "dismissed"
	KindPhoto      = "photo" // reserved: photos will sync as their own kind
)

// applyOrder is the order ops of one file are applied in: what a reflection
// refers to first, a person's delete last.
func applyOrder(o *Op) int {
	switch o.Kind {
	case KindMoment:
		return 0
	case KindPerson:
		if o.Deleted {
			return 5
		}
		return 1
	case KindSetting, KindDismissed:
		return 2
	case KindReflection:
		return 3
	}
	return 4
}

func known(kind string) bool {
	switch kind {
	case KindReflection, KindPerson, KindMoment, KindSetting, KindDismissed:
		return true
	}
	return false
}

// bodies reads the current state of things of one kind; ids missing from
// the result are deleted.
func bodies(b *journal.Batch, kind string, ids []string) (map[string][]byte, error) {
	out := make(map[string][]byte, len(ids))
	switch kind {
	case KindReflection:
		rs, err := b.Reflections(ids)
		if err != nil {
			return nil, err
		}
		for i := range rs {
			rs[i].Photos = nil
			body, err := exchange.MarshalReflection(&rs[i])
			if err != nil {
				return nil, err
			}
			out[rs[i].ID] = body
		}
	case KindPerson:
		for _, id := range ids {
			p, err := b.Person(id)
			if err != nil {
				return nil, err
			}
			if p != nil {
				if out[id], err = exchange.MarshalPerson(p); err != nil {
					return nil, err
				}
			}
		}
	case KindMoment:
		for _, id := range ids {
			k, created, err := b.Kind(id)
			if err != nil {
				return nil, err
			}
			if k != nil {
				if out[id], err = exchange.MarshalKind(k, created); err != nil {
					return nil, err
				}
			}
		}
	case KindSetting:
		for _, id := range ids {
			v, ok, err := b.Setting(id)
			if err != nil {
				return nil, err
			}
			if ok {
				out[id], _ = json.Marshal(v)
			}
		}
	case KindDismissed:
		for _, id := range ids {
			at, ok, err := b.Dismissed(id)
			if err != nil {
				return nil, err
			}
			if ok {
				out[id], _ = json.Marshal(journal.FormatUTC(at))
			}
		}
	}
	return out, nil
}

// put writes an entity as another computer sent it. renamed is set when a
// person had to take another name (two people of one name made apart).
func (a *applier) put(o *Op) error {
	b := a.b
	switch o.Kind {
	case KindReflection:
		r, err := exchange.UnmarshalReflection(o.Body, a.now)
		if err != nil {
			return err
		}
		return b.PutReflection(r)
	case KindPerson:
		p, err := exchange.UnmarshalPerson(o.Body)
		if err != nil {
			return err
		}
		return a.putPerson(p, stamp{Lamport: o.Lamport, Device: o.Device})
	case KindMoment:
		k, created, err := exchange.UnmarshalKind(o.Body)
		if err != nil {
			return err
		}
		return b.PutKind(k, created)
	case KindSetting:
		var v string
		if err := json.Unmarshal(o.Body, &v); err != nil {
			return err
		}
		return b.SetSetting(o.ID, v)
	case KindDismissed:
		var s string
		if err := json.Unmarshal(o.Body, &s); err != nil {
			return err
		}
		at, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return err
		}
		return b.PutDismissed(o.ID, at)
	}
	return nil
}

// putPerson keeps two people of one name who were added on two computers
// apart: the one added later (by stamp, the same on every computer) takes
// "Name (2)", and that rename is sent as this computer's edit.
func (a *applier) putPerson(p *journal.Person, st stamp) error {
	other, err := a.b.PersonNamed(p.Name)
	if err != nil {
		return err
	}
	if other != nil && other.ID != p.ID {
		ov, err := a.version(KindPerson, other.ID)
		if err != nil {
			return err
		}
		var ost stamp
		if ov != nil {
			ost = stamp{Lamport: ov.Lamport, Device: ov.Device}
		}
		loser := p
		if ov != nil && ost.beats(st) {
			loser = other
		}
		if loser.Name, err = a.freeName(loser.Name); err != nil {
			return err
		}
		if loser == other {
			if err := a.b.PutPerson(other); err != nil {
				return err
			}
		}
		a.changed(KindPerson, loser.ID)
		a.report.Renamed = append(a.report.Renamed, loser.Name)
	}
	return a.b.PutPerson(p)
}

func (a *applier) freeName(name string) (string, error) {
	base := name
	for i := 2; ; i++ {
		cand := fmt.Sprintf("%s (%d)", strings.TrimSpace(base), i)
		p, err := a.b.PersonNamed(cand)
		if err != nil {
			return "", err
		}
		if p == nil {
			return cand, nil
		}
	}
}

// del deletes an entity another computer deleted.
func (a *applier) del(o *Op) error {
	switch o.Kind {
	case KindReflection:
		return a.b.DeleteReflection(o.ID)
	case KindPerson:
		return a.b.DeletePerson(o.ID)
	case KindMoment:
		return nil // kinds are never deleted: evenings may still use one
	case KindSetting:
		return a.b.DeleteSetting(o.ID)
	case KindDismissed:
		return a.b.DeleteDismissed(o.ID)
	}
	return nil
}
