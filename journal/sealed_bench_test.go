package journal_test

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sample"
	"kindred/journal/sealed"
)

// sealedJournal is a demo journal sealed with the default (production) key
// settings, made once per process.
type sealedJournal struct {
	once sync.Once
	path string
	size int64
	err  error
}

var (
	sealedReference sealedJournal // the reference journal
	sealedTenth     sealedJournal // a tenth of it: 20 people over the same 10 years
)

// tenthDemo is the reference journal with a tenth of its people.
var tenthDemo = sample.Options{People: sample.Reference.People / 10, Years: sample.Reference.Years, Seed: sample.Reference.Seed}

// sealedReferencePath is a copy of the reference journal sealed with the
// default (production) key settings, made once per process.
func sealedReferencePath(b *testing.B) (string, int64) {
	b.Helper()
	return sealedReference.get(b, func() (string, error) {
		plain := journaltest.ReferenceCopy(b)
		path := plain.Path()
		return path, plain.Close()
	})
}

// sealedTenthPath is the tenth-size journal, sealed.
func sealedTenthPath(b *testing.B) (string, int64) {
	b.Helper()
	return sealedTenth.get(b, func() (string, error) {
		path := filepath.Join(b.TempDir(), "journal.db")
		return path, sample.Write(ctx, path, tenthDemo)
	})
}

func (j *sealedJournal) get(b *testing.B, writePlain func() (string, error)) (string, int64) {
	j.once.Do(func() {
		// Set until the end, in case a helper below ends the benchmark.
		j.err = errors.New("making it failed in an earlier benchmark")
		path, err := writePlain()
		if err != nil {
			j.err = err
			return
		}
		fi, err := os.Stat(path)
		if err != nil {
			j.err = err
			return
		}
		j.size = fi.Size()
		s, err := journal.Seal(ctx, path, journaltest.Passphrase, sealed.NewRecoveryKey(), journal.SealOptions{})
		if err != nil {
			j.err = err
			return
		}
		s.Close()
		// The copy lives in b's temp dir, gone when b ends: keep it beside
		// the reference journal (in KINDRED_BENCH_DIR under make bench).
		keep, err := os.MkdirTemp(filepath.Dir(journaltest.ReferencePath(b)), "sealed-")
		if err == nil {
			j.path = filepath.Join(keep, "journal.db")
			err = os.Rename(path, j.path)
		}
		j.err = err
	})
	if j.err != nil {
		b.Fatalf("sealed journal: %v", j.err)
	}
	return j.path, j.size
}

// BenchmarkSealedUnlock: derive the key, decrypt, load into memory and open
// the reference journal. Target: under 1.5 s.
func BenchmarkSealedUnlock(b *testing.B) {
	path, _ := sealedReferencePath(b)
	cpu := processCPU()
	for b.Loop() {
		s, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	b.ReportMetric((processCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkArgon2idDefault is the key derivation alone, the part of an
// unlock that is slow on purpose.
func BenchmarkArgon2idDefault(b *testing.B) {
	p := sealed.DefaultKDF
	salt := make([]byte, 16)
	for b.Loop() {
		argon2.IDKey([]byte(journaltest.Passphrase), salt, p.Time, p.MemoryKiB, p.Threads, 32)
	}
}

// BenchmarkSealedSaveReflection: one reflection (3 people, 6 moments) saved
// in a sealed journal: its statements sealed as one change record, appended
// and synced. Target: under 25 ms median, the same for the tenth-size journal
// and the reference one (the save does not grow with the journal). Now and
// then a save also compacts the log (see BenchmarkSealedCompaction): that
// shows in the mean and the max, not in the median.
func BenchmarkSealedSaveReflection(b *testing.B) {
	for _, size := range []struct {
		name string
		path func(*testing.B) (string, int64)
	}{{"tenth", sealedTenthPath}, {"reference", sealedReferencePath}} {
		b.Run(size.name, func(b *testing.B) {
			path, db := size.path(b)
			s, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			people := threePeople(b, s)
			at := time.Now().Add(-24 * time.Hour)
			i := 0
			var took []time.Duration
			for b.Loop() {
				i++
				r := eveningWith(people, at.Add(-time.Duration(i)*time.Minute))
				start := time.Now()
				if err := s.SaveReflection(ctx, r); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
			b.ReportMetric(float64(db)/(1<<20), "db-MiB")
			reportSpread(b, took, 25*time.Millisecond)
		})
	}
}

// BenchmarkSealedDraftAutosave: the composer's draft saved, as it is two
// seconds after typing stops. Target: under 10 ms median.
func BenchmarkSealedDraftAutosave(b *testing.B) {
	path, _ := sealedReferencePath(b)
	s, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	defer s.DeleteDraft(ctx, "bench-draft")
	body := "We met at the station and walked the long way round. "
	var took []time.Duration
	for b.Loop() {
		body += "She told me about her sister. "
		start := time.Now()
		if err := s.SaveDraft(ctx, &journal.Draft{ID: "bench-draft", Body: body, UpdatedAt: time.Now()}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	reportSpread(b, took, 10*time.Millisecond)
}

// BenchmarkSealedUnlockLongLog: unlock the reference journal with its change
// log as long as it gets (just under the size that makes a save compact it),
// every record a reflection like BenchmarkSealedSaveReflection's. Target:
// under 1.5 s, key derivation included.
func BenchmarkSealedUnlockLongLog(b *testing.B) {
	ref, _ := sealedReferencePath(b)
	path := filepath.Join(b.TempDir(), "journal.db")
	if err := os.WriteFile(path, mustRead(b, ref), 0o600); err != nil {
		b.Fatal(err)
	}
	s, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
	if err != nil {
		b.Fatal(err)
	}
	people := threePeople(b, s)
	limit := journal.SetCompactLogBytes(0)
	journal.SetCompactLogBytes(limit)
	at := time.Now().Add(-24 * time.Hour)
	for i := 0; ; i++ {
		if start, end, _ := journal.SealedLog(s); end-start+sealed.RecordQuantum > limit {
			break
		}
		if err := s.SaveReflection(ctx, eveningWith(people, at.Add(-time.Duration(i)*time.Minute))); err != nil {
			b.Fatal(err)
		}
	}
	_, _, records := journal.SealedLog(s)
	// Copied before close, which would compact it.
	long := filepath.Join(b.TempDir(), "long.db")
	if err := os.WriteFile(long, mustRead(b, path), 0o600); err != nil {
		b.Fatal(err)
	}
	s.Close()
	cpu := processCPU()
	for b.Loop() {
		s, err := journal.OpenSealed(ctx, long, journal.Secret{Passphrase: journaltest.Passphrase})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	b.ReportMetric((processCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(records), "records")
}

// processCPU is the CPU time the process has used, user and system: on a
// machine shared with other work it tells an operation's own cost from the
// time it waited for a core.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSealedCompaction: the whole reference journal sealed into a new
// base, written, synced and renamed into place, as a save past the log's
// threshold, or a close, does it. No target of its own; it is the cost a
// save paid on every write in format 1.
func BenchmarkSealedCompaction(b *testing.B) {
	path, _ := sealedReferencePath(b)
	s, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		if err := journal.CompactSealed(s); err != nil {
			b.Fatal(err)
		}
	}
}

// threePeople are the three people with the most evenings.
func threePeople(b *testing.B, s *journal.Store) []journal.PersonSummary {
	b.Helper()
	people, err := s.PeopleSummaries(ctx, true)
	if err != nil {
		b.Fatal(err)
	}
	if len(people) < 3 {
		b.Fatalf("the journal has %d people; want 3", len(people))
	}
	sort.Slice(people, func(i, j int) bool { return people[i].Evenings > people[j].Evenings })
	return people[:3]
}

// eveningWith is a reflection with the three people and two moments each.
func eveningWith(people []journal.PersonSummary, at time.Time) *journal.Reflection {
	r := &journal.Reflection{At: at, Text: "A slow dinner; we talked about the move and laughed about the boxes. Later we walked home the long way."}
	for i, p := range people {
		r.Encounters = append(r.Encounters, journal.Encounter{PersonID: p.ID, Closeness: journal.Closeness(4 + i),
			Moments: []journal.Moment{{Kind: "laughed"}, {Kind: "deep-talk", Note: "the move"}}})
	}
	return r
}

// reportSpread reports the median and the slowest of took, with the target.
func reportSpread(b *testing.B, took []time.Duration, target time.Duration) {
	b.Helper()
	if len(took) == 0 {
		return
	}
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(took[len(took)/2]), "median-ms")
	b.ReportMetric(ms(took[len(took)-1]), "max-ms")
	b.ReportMetric(ms(target), "target-ms")
}

func mustRead(b *testing.B, path string) []byte {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return data
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
