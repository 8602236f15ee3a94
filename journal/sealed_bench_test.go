package journal_test

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"

	"kindred/journal"
	"kindred/journal/journaltest"
)

var sealedReference struct {
	once sync.Once
	path string
	size int64
	err  error
}

// sealedReferencePath is a copy of the reference journal sealed with the
// default (production) key settings, made once per process.
func sealedReferencePath(b *testing.B) (string, int64) {
	b.Helper()
	sealedReference.once.Do(func() {
		// Set until the end, in case a helper below ends the benchmark.
		sealedReference.err = errors.New("making it failed in an earlier benchmark")
		plain := journaltest.ReferenceCopy(b)
		path := plain.Path()
		plain.Close()
		fi, err := os.Stat(path)
		if err != nil {
			sealedReference.err = err
			return
		}
		sealedReference.size = fi.Size()
		s, err := journal.Seal(ctx, path, journaltest.Passphrase, journal.NewRecoveryKey(), journal.SealOptions{})
		if err != nil {
			sealedReference.err = err
			return
		}
		s.Close()
		// The copy lives in b's temp dir, gone when b ends: keep it beside
		// the reference journal (in KINDRED_BENCH_DIR under make bench).
		keep, err := os.MkdirTemp(filepath.Dir(journaltest.ReferencePath(b)), "sealed-")
		if err == nil {
			sealedReference.path = filepath.Join(keep, "journal.db")
			err = os.Rename(path, sealedReference.path)
		}
		sealedReference.err = err
	})
	if sealedReference.err != nil {
		b.Fatalf("sealed reference journal: %v", sealedReference.err)
	}
	return sealedReference.path, sealedReference.size
}

// BenchmarkSealedUnlock: derive the key, decrypt, load into memory and open
// the reference journal. Target: under 1.5 s.
func BenchmarkSealedUnlock(b *testing.B) {
	path, _ := sealedReferencePath(b)
	for b.Loop() {
		s, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkArgon2idDefault is the key derivation alone, the part of an
// unlock that is slow on purpose.
func BenchmarkArgon2idDefault(b *testing.B) {
	p := journal.DefaultKDF
	salt := make([]byte, 16)
	for b.Loop() {
		argon2.IDKey([]byte(journaltest.Passphrase), salt, p.Time, p.MemoryKiB, p.Threads, 32)
	}
}

// BenchmarkSealedSaveReflection: one reflection saved in the reference
// journal, which is then sealed whole, written, synced and renamed into
// place. Target: under 250 ms.
func BenchmarkSealedSaveReflection(b *testing.B) {
	path, _ := sealedReferencePath(b)
	s, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	p := journaltest.BusiestPerson(b, s)
	at := time.Now().Add(-24 * time.Hour)
	i := 0
	for b.Loop() {
		i++
		r := &journal.Reflection{
			At:   at.Add(-time.Duration(i) * time.Minute),
			Text: "A slow dinner; we talked about the move and laughed about the boxes.",
			Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 5,
				Moments: []journal.Moment{{Kind: "laughed"}, {Kind: "deep-talk", Note: "the move"}}}},
		}
		if err := s.SaveReflection(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
}

const memoryChildEnv = "KINDRED_TEST_UNLOCK_MEMORY_CHILD"

// TestUnlockMemoryChild unlocks the journal named by the environment in a
// fresh process and prints the process's resident memory before and after.
func TestUnlockMemoryChild(t *testing.T) {
	path := os.Getenv(memoryChildEnv)
	if path == "" {
		t.Skip("run by BenchmarkSealedUnlockMemory")
	}
	before := procStatus(t, "VmRSS")
	s, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("memory %d %d %d %d\n", before, procStatus(t, "VmRSS"), procStatus(t, "VmHWM"), ms.HeapInuse>>10)
}

// procStatus reads a kB figure from /proc/self/status.
func procStatus(t *testing.T, field string) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatalf("no %s in /proc/self/status", field)
	return 0
}

// BenchmarkSealedUnlockMemory unlocks the reference journal in a fresh
// process and reports its resident memory (VmRSS, so SQLite's memory counts
// as well as Go's) after the unlock, and its peak (VmHWM) during it. Target:
// under 3x the journal's size plus 100 MB.
func BenchmarkSealedUnlockMemory(b *testing.B) {
	path, size := sealedReferencePath(b)
	var before, after, peak, heap float64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestUnlockMemoryChild$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), memoryChildEnv+"="+path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		var kb [4]int64
		for _, line := range strings.Split(string(out), "\n") {
			if _, err := fmt.Sscanf(line, "memory %d %d %d %d", &kb[0], &kb[1], &kb[2], &kb[3]); err == nil {
				break
			}
		}
		if kb[1] == 0 {
			b.Fatalf("child printed no figures:\n%s", out)
		}
		before, after, peak, heap = float64(kb[0])/1024, float64(kb[1])/1024, float64(kb[2])/1024, float64(kb[3])/1024
	}
	db := float64(size) / (1 << 20)
	b.ReportMetric(db, "db-MiB")
	b.ReportMetric(before, "rss-before-MiB")
	b.ReportMetric(after, "rss-after-MiB")
	b.ReportMetric(peak, "rss-peak-MiB")
	b.ReportMetric(heap, "goheap-after-MiB")
	b.ReportMetric(3*db+100, "limit-MiB")
	if after > 3*db+100 {
		b.Errorf("resident memory after unlock %.0f MiB is over the limit %.0f MiB", after, 3*db+100)
	}
}

// BenchmarkSealedBackup: a backup of the sealed reference journal, sealed,
// written, synced and checked in full (decrypted, integrity_check). The
// plain journal's backup target is 2 s.
func BenchmarkSealedBackup(b *testing.B) {
	path, _ := sealedReferencePath(b)
	s, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		if err := s.Backup(ctx, filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))); err != nil {
			b.Fatal(err)
		}
	}
}
