package exchange

import (
	"encoding/json"
	"fmt"
	"time"

	"kindred/journal"
)

// The shapes of Kindred JSON, one thing at a time, for journal/sync: a
// computer sends an evening, a person or a kind in the same words an export
// uses, so the two formats never drift apart.

// MarshalReflection is r as an export writes it.
func MarshalReflection(r *journal.Reflection) ([]byte, error) { return json.Marshal(reflectionJSON(r)) }

// UnmarshalReflection reads what MarshalReflection wrote, checked as of now.
func UnmarshalReflection(b []byte, now time.Time) (*journal.Reflection, error) {
	var jr jsonReflection
	if err := json.Unmarshal(b, &jr); err != nil {
		return nil, err
	}
	return reflectionFromJSON(&jr, now)
}

// MarshalPerson is p as an export writes it.
func MarshalPerson(p *journal.Person) ([]byte, error) {
	return json.Marshal(jsonPerson{ID: p.ID, Name: p.Name, Color: p.Color, Archived: p.Archived, CreatedAt: formatTime(p.CreatedAt)})
}

// UnmarshalPerson reads what MarshalPerson wrote.
func UnmarshalPerson(b []byte) (*journal.Person, error) {
	var jp jsonPerson
	if err := json.Unmarshal(b, &jp); err != nil {
		return nil, err
	}
	p := &journal.Person{ID: jp.ID, Name: jp.Name, Color: jp.Color, Archived: jp.Archived}
	var err error
	if p.CreatedAt, err = parseTime(jp.CreatedAt); err != nil {
		return nil, err
	}
	if p.ID == "" {
		return nil, fmt.Errorf("a person has no id")
	}
	return p, p.Validate()
}

// MarshalKind is a custom kind as an export writes it.
func MarshalKind(k *journal.MomentKind, created time.Time) ([]byte, error) {
	return json.Marshal(jsonKind{ID: k.ID, Label: k.Label, Color: k.Color, Misstep: k.Misstep, CreatedAt: formatTime(created.UTC())})
}

// UnmarshalKind reads what MarshalKind wrote.
func UnmarshalKind(b []byte) (*journal.MomentKind, time.Time, error) {
	var jk jsonKind
	if err := json.Unmarshal(b, &jk); err != nil {
		return nil, time.Time{}, err
	}
	created, err := parseTime(jk.CreatedAt)
	if err != nil {
		return nil, time.Time{}, err
	}
	k := &journal.MomentKind{ID: jk.ID, Label: jk.Label, Color: jk.Color, Misstep: jk.Misstep}
	return k, created, journal.ValidateKind(k)
}
