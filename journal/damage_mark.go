package journal

import "sync"

// damageMark remembers that an open journal was found damaged (by a
// backup's check of it, or by SQLite while reading it): from then on
// nothing is written to it, so that what can still be read stays as it is
// until a sound backup replaces it or its contents are exported.
type damageMark struct {
	mu     sync.Mutex
	detail string // what was found
}

// Damaged is an EDAMAGED error saying what was found, once the open journal
// was found damaged; nil before.
func (s *Store) Damaged() error {
	s.damage.mu.Lock()
	defer s.damage.mu.Unlock()
	if s.damage.detail == "" {
		return nil
	}
	return Errorf(EDAMAGED, "%s is damaged (%s).", s.path, s.damage.detail)
}

func (s *Store) markDamaged(detail string) {
	s.damage.mu.Lock()
	defer s.damage.mu.Unlock()
	if s.damage.detail == "" {
		s.damage.detail = detail
	}
}

// refuseDamaged is the error of a write to a journal found damaged.
func (s *Store) refuseDamaged() error {
	s.damage.mu.Lock()
	defer s.damage.mu.Unlock()
	if s.damage.detail == "" {
		return nil
	}
	return Errorf(EDAMAGED, "%s is damaged (%s): nothing was saved to it.", s.path, s.damage.detail)
}
