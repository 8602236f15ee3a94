package journaltest

import (
	"context"
	"testing"

	"kindred/journal"
	"kindred/journal/sealed"
)

// FastSeal makes sealing cheap for tests (Argon2id with one pass over 64 KiB);
// the program itself always seals with sealed.DefaultKDF.
var FastSeal = journal.SealOptions{InsecureKDFForTests: &sealed.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}}

// Passphrase is the passphrase MustSeal uses.
const Passphrase = "correct horse battery staple"

// MustSeal seals the plain journal at path with Passphrase and FastSeal and
// returns it open (closed when the test ends) with its recovery key.
func MustSeal(tb testing.TB, path string) (*journal.Store, string) {
	tb.Helper()
	recovery := sealed.NewRecoveryKey()
	s, err := journal.Seal(context.Background(), path, Passphrase, recovery, FastSeal)
	if err != nil {
		tb.Fatalf("seal %s: %v", path, err)
	}
	tb.Cleanup(func() { s.Close() })
	return s, recovery
}
