package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

var (
	faultBinOnce sync.Once
	faultBin     string
	faultBinErr  error
)

// TestMain removes the binary the fault tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if faultBin != "" && os.Getenv("KINDRED_TEST_BINARY") == "" {
		os.RemoveAll(filepath.Dir(faultBin))
	}
	os.Exit(code)
}

// faultBinary builds the real binary once for the fault tests: they run it
// as a user would, against files a fault left behind.
func faultBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("fault tests run the built binary")
	}
	faultBinOnce.Do(func() {
		if bin := os.Getenv("KINDRED_TEST_BINARY"); bin != "" {
			// Another build to try the tests on, such as an older one.
			faultBin = bin
			return
		}
		dir, err := os.MkdirTemp("", "kindred-faults-")
		if err != nil {
			faultBinErr = err
			return
		}
		faultBin = filepath.Join(dir, "kindred")
		out, err := exec.Command("go", "build", "-o", faultBin, "kindred").CombinedOutput()
		if err != nil {
			faultBinErr = errors.New(string(out))
		}
	})
	if faultBinErr != nil {
		t.Fatalf("go build: %v", faultBinErr)
	}
	return faultBin
}

// runBin runs the built binary with a home of its own and returns its
// streams and exit status.
func runBin(t *testing.T, bin string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(bin, args...)
	cmd.Env = append([]string{"HOME=" + home, "XDG_DATA_HOME=" + filepath.Join(home, "data"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"), "LANG=C.UTF-8", "PATH=" + os.Getenv("PATH")}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return out.String(), errb.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return out.String(), errb.String(), 0
}

// usedJournal makes a journal with an evening in it, and its backups folder.
func usedJournal(t *testing.T, bin string) string {
	t.Helper()
	j := filepath.Join(t.TempDir(), "journal.db")
	if _, errs, code := runBin(t, bin, nil, "--journal", j, "person", "add", "Zoë"); code != 0 {
		t.Fatalf("person add: exit %d: %s", code, errs)
	}
	if _, errs, code := runBin(t, bin, nil, "--journal", j, "add", "--person", "Zoë", "--date", "2025-06-01", "--text", "Rooftop talk."); code != 0 {
		t.Fatalf("add: exit %d: %s", code, errs)
	}
	if _, errs, code := runBin(t, bin, nil, "--journal", j, "backup"); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, errs)
	}
	return j
}

func fileSums(t *testing.T, dir string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() && !strings.HasSuffix(p, "-shm") {
			b, _ := os.ReadFile(p)
			sums[p] = string(b)
		}
		return nil
	})
	return sums
}

// TestOutputsNeverLandOnTheJournal: no --out of any command may be the
// journal, a file beside it that keeps it safe, or anything in its backups
// folder, whatever name or link it is reached by, with or without --force.
func TestOutputsNeverLandOnTheJournal(t *testing.T) {
	bin := faultBinary(t)
	j := usedJournal(t, bin)
	dir := filepath.Dir(j)
	backups, _ := filepath.Glob(filepath.Join(dir, "backups", "*.db"))
	if len(backups) == 0 {
		t.Fatal("no backup was made")
	}
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(j, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(j, hard); err != nil {
		t.Fatal(err)
	}
	viaDots := filepath.Join(dir, "backups", "..", "journal.db")
	targets := map[string]string{
		"the journal":           j,
		"a link to it":          link,
		"a hard link to it":     hard,
		"the journal by ..":     viaDots,
		"its -wal":              j + "-wal",
		"its -shm":              j + "-shm",
		"its lock file":         j + ".lock",
		"a sealing temp file":   filepath.Join(dir, ".journal.db.sealing-123"),
		"a backup":              backups[0],
		"a new file in backups": filepath.Join(dir, "backups", "new.pdf"),
		"a backups sub-folder":  filepath.Join(dir, "backups", "sub", "new.pdf"),
	}
	commands := map[string][]string{
		"export pdf":    {"export", "pdf", "--force", "--out"},
		"export letter": {"export", "letter", "--person", "Zoë", "--force", "--out"},
		"export json":   {"export", "json", "--out"},
		"backup":        {"backup", "--out"},
		"demo":          {"demo", "--people", "2", "--years", "1", "--out"},
	}
	before := fileSums(t, dir)
	for cname, args := range commands {
		for tname, target := range targets {
			t.Run(cname+" onto "+tname, func(t *testing.T) {
				_, errs, code := runBin(t, bin, nil, append(append([]string{"--journal", j}, args...), target)...)
				if code != 2 || !strings.Contains(errs, "--out") {
					t.Errorf("got exit %d, %q; want exit 2 naming --out", code, errs)
				}
			})
		}
	}
	t.Run("export markdown into the backups folder", func(t *testing.T) {
		_, errs, code := runBin(t, bin, nil, "--journal", j, "export", "markdown", "--out", filepath.Join(dir, "backups", "md"))
		if code != 2 {
			t.Errorf("got exit %d, %q; want exit 2", code, errs)
		}
	})
	after := fileSums(t, dir)
	for p, body := range before {
		if strings.HasSuffix(p, "-wal") {
			continue // opening may checkpoint it
		}
		if after[p] != body {
			t.Errorf("%s was changed", p)
		}
	}
	if out, errs, code := runBin(t, bin, nil, "--journal", j, "check"); code != 0 || strings.TrimSpace(out) != "ok" {
		t.Errorf("check after the refusals: exit %d, %q %q", code, out, errs)
	}
}

// TestOutputsRefuseWhatIsNotAFile: an --out that exists and is a device, a
// named pipe or a folder is refused, --force or not, and left as it was.
func TestOutputsRefuseWhatIsNotAFile(t *testing.T) {
	bin := faultBinary(t)
	j := usedJournal(t, bin)
	tmp := t.TempDir()
	fifo := filepath.Join(tmp, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(tmp, "folder")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	targets := map[string]string{"a named pipe": fifo, "a folder": folder}
	// A device node of its own, never a system one: the code under test
	// replaced /dev/null with a file before it refused devices.
	device := filepath.Join(tmp, "null")
	if err := syscall.Mknod(device, syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
		targets["a device"] = device
	} else {
		t.Logf("no device node to try (%v): making one needs root", err)
	}
	commands := map[string][]string{
		"export pdf --force": {"export", "pdf", "--force", "--out"},
		"export letter":      {"export", "letter", "--person", "Zoë", "--out"},
		"export json":        {"export", "json", "--out"},
		"backup":             {"backup", "--out"},
		"demo":               {"demo", "--out"},
	}
	for cname, args := range commands {
		for tname, target := range targets {
			t.Run(cname+" onto "+tname, func(t *testing.T) {
				before, _ := os.Lstat(target)
				_, errs, code := runBin(t, bin, nil, append(append([]string{"--journal", j}, args...), target)...)
				if code != 2 || !strings.Contains(errs, "not a file") {
					t.Errorf("got exit %d, %q; want exit 2, not a file", code, errs)
				}
				after, err := os.Lstat(target)
				if err != nil || after.Mode() != before.Mode() || !os.SameFile(before, after) {
					t.Errorf("%s was replaced", target)
				}
			})
		}
	}
}

// TestReadCommandsRefuseAMissingJournal: a command that only reads says
// there is no journal at a mistyped path, and makes neither folders nor a
// journal there; an empty --journal is a usage error, not the default.
func TestReadCommandsRefuseAMissingJournal(t *testing.T) {
	bin := faultBinary(t)
	tmp := t.TempDir()
	missing := filepath.Join(tmp, "typo", "dir", "j.db")
	out := filepath.Join(tmp, "out")
	for name, args := range map[string][]string{
		"search":        {"search", "x"},
		"stats":         {"stats"},
		"timeline":      {"timeline", "--person", "Zoë"},
		"person list":   {"person", "list"},
		"remember":      {"remember"},
		"insights":      {"insights"},
		"questions":     {"questions", "--person", "Zoë"},
		"export json":   {"export", "json", "--out", out + ".json"},
		"export md":     {"export", "markdown", "--out", out},
		"export pdf":    {"export", "pdf", "--out", out + ".pdf"},
		"export letter": {"export", "letter", "--person", "Zoë", "--out", out + ".pdf"},
		"backup":        {"backup"},
		"check":         {"check"},
	} {
		t.Run(name, func(t *testing.T) {
			_, errs, code := runBin(t, bin, nil, append([]string{"--journal", missing}, args...)...)
			if code != 1 || !strings.Contains(errs, "no journal at "+missing) {
				t.Errorf("got exit %d, %q; want exit 1, no journal at %s", code, errs, missing)
			}
			if _, err := os.Stat(filepath.Join(tmp, "typo")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the mistyped path was made (%v)", err)
			}
		})
	}
	home := t.TempDir()
	env := []string{"XDG_DATA_HOME=" + home}
	for name, args := range map[string][]string{
		"before the command": {"--journal", "", "stats"},
		"with =":             {"--journal=", "stats"},
		"after the command":  {"stats", "--journal", ""},
		"to add":             {"add", "--journal", "", "--person", "Zoë", "--text", "x"},
	} {
		t.Run("empty --journal "+name, func(t *testing.T) {
			_, errs, code := runBin(t, bin, env, args...)
			if code != 2 || !strings.Contains(errs, "--journal") {
				t.Errorf("got exit %d, %q; want exit 2 naming --journal", code, errs)
			}
			if _, err := os.Stat(filepath.Join(home, "kindred")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the default journal was made (%v)", err)
			}
		})
	}
}

// TestDamagedJournalIsNeverWritten: with one page in the middle of a
// journal zeroed and no backups, reading it fails the command and writing
// to it is refused; the file is left byte for byte as the damage left it.
func TestDamagedJournalIsNeverWritten(t *testing.T) {
	bin := faultBinary(t)
	j := filepath.Join(t.TempDir(), "j.db")
	if _, errs, code := runBin(t, bin, nil, "demo", "--out", j, "--people", "30", "--years", "3", "--seed", "1"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errs)
	}
	f, err := os.OpenFile(j, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(make([]byte, 4096), 60*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
	damaged, _ := os.ReadFile(j)
	for name, args := range map[string][]string{
		"stats":      {"stats"},
		"person add": {"person", "add", "Bob"},
		"add":        {"add", "--person", "Bob", "--text", "An evening."},
	} {
		t.Run(name, func(t *testing.T) {
			_, errs, code := runBin(t, bin, nil, append([]string{"--journal", j}, args...)...)
			if code == 0 || !strings.Contains(errs, "damaged") {
				t.Errorf("got exit %d, %q; want a failure saying it is damaged", code, errs)
			}
			if now, _ := os.ReadFile(j); !bytes.Equal(now, damaged) {
				t.Errorf("the damaged journal was written")
			}
			if wal, err := os.Stat(j + "-wal"); err == nil && wal.Size() > 0 {
				t.Errorf("the damaged journal has a -wal of %d bytes: it was written", wal.Size())
			}
			if backups, _ := filepath.Glob(filepath.Join(filepath.Dir(j), "backups", "*.db")); len(backups) > 0 {
				t.Errorf("a damaged copy became a backup: %v", backups)
			}
		})
	}
}

// plaintextLeft lists the files under dir that hold marker in the clear.
func plaintextLeft(t *testing.T, dir, marker string) []string {
	t.Helper()
	var found []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte(marker)) {
				found = append(found, p)
			}
		}
		return nil
	})
	return found
}

// TestNoPlaintextOutlivesSealing: a backup's temporary copy that a kill
// left behind, and a backup an earlier failure left plain, are gone or
// sealed once the sealed journal is next opened.
func TestNoPlaintextOutlivesSealing(t *testing.T) {
	bin := faultBinary(t)
	const marker = "Rooftop talk about the lighthouse."
	dir := t.TempDir()
	j := filepath.Join(dir, "journal.db")
	runBin(t, bin, nil, "--journal", j, "person", "add", "Zoë")
	if _, errs, code := runBin(t, bin, nil, "--journal", j, "add", "--person", "Zoë", "--text", marker); code != 0 {
		t.Fatalf("add: exit %d: %s", code, errs)
	}
	image, err := os.ReadFile(j)
	if err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(dir, "backups")
	// What a kill during the on-open backup leaves.
	if err := os.WriteFile(filepath.Join(backups, ".kindred-backup-123.tmp"), image, 0o600); err != nil {
		t.Fatal(err)
	}
	pass := []string{"KINDRED_PASSPHRASE=a passphrase long enough to seal"}
	if _, errs, code := runBin(t, bin, pass, "--journal", j, "seal", "--recovery-key-file", filepath.Join(t.TempDir(), "key")); code != 0 {
		t.Fatalf("seal: exit %d: %s", code, errs)
	}
	if _, errs, code := runBin(t, bin, pass, "--journal", j, "stats"); code != 0 {
		t.Fatalf("stats: exit %d: %s", code, errs)
	}
	if left := plaintextLeft(t, dir, marker); len(left) > 0 {
		t.Errorf("after sealing and opening, plaintext is left in %v", left)
	}
	// A plain backup that an earlier failure left beside the sealed journal,
	// and a killed backup's temporary copy.
	plain := filepath.Join(backups, "journal-2026-01-01.db")
	if err := os.WriteFile(plain, image, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(backups, ".kindred-backup-456.tmp"), image, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runBin(t, bin, pass, "--journal", j, "stats"); code != 0 {
		t.Fatalf("stats: exit %d: %s", code, errs)
	}
	if left := plaintextLeft(t, dir, marker); len(left) > 0 {
		t.Errorf("after the next open, plaintext is left in %v", left)
	}
	out, errs, code := runBin(t, bin, pass, "--journal", j, "backups")
	if code != 0 || !strings.Contains(out, "journal-2026-01-01.db") {
		t.Errorf("backups: exit %d, %q %q: the plain backup should be there, sealed", code, out, errs)
	}
}

// TestSealFailsBeforeAnythingChangesOnAFullDisk: on a disk without room for
// the sealed journal and its sealed backups, seal changes nothing.
func TestSealFailsBeforeAnythingChangesOnAFullDisk(t *testing.T) {
	bin := faultBinary(t)
	const marker = "Rooftop talk about the lighthouse."
	src := t.TempDir()
	j := filepath.Join(src, "journal.db")
	if _, errs, code := runBin(t, bin, nil, "demo", "--out", j, "--people", "10", "--years", "2", "--seed", "2"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errs)
	}
	runBin(t, bin, nil, "--journal", j, "person", "add", "Zoë")
	runBin(t, bin, nil, "--journal", j, "add", "--person", "Zoë", "--text", marker)
	if _, errs, code := runBin(t, bin, nil, "--journal", j, "backup"); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, errs)
	}
	var used int64
	filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			used += info.Size()
		}
		return nil
	})
	// Room for the journal and its backups as they are, and for the sealed
	// journal, but not for a sealed backup beside it too.
	info, err := os.Stat(j)
	if err != nil {
		t.Fatal(err)
	}
	disk := t.TempDir()
	size := (used + info.Size() + info.Size()/2 + 4095) / 4096 * 4096
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+strconv.FormatInt(size, 10), "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("a small disk needs mount (root): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", disk).Run() })
	if out, err := exec.Command("cp", "-a", src+"/.", disk).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	dj := filepath.Join(disk, "journal.db")
	before := fileSums(t, disk)
	pass := []string{"KINDRED_PASSPHRASE=a passphrase long enough to seal"}
	_, errs, code := runBin(t, bin, pass, "--journal", dj, "seal", "--recovery-key-file", filepath.Join(t.TempDir(), "key"))
	if code == 0 || !strings.Contains(errs, "nothing was changed") {
		t.Errorf("seal on a full disk: exit %d, %q; want a failure saying nothing was changed", code, errs)
	}
	after := fileSums(t, disk)
	for p, body := range before {
		if after[p] != body {
			t.Errorf("%s was changed", p)
		}
	}
	if sealedNow := !bytes.HasPrefix([]byte(after[dj]), []byte("SQLite format 3")); sealedNow {
		t.Errorf("the journal was sealed with its backups left plain")
	}
}
