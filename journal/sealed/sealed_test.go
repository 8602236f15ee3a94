package sealed_test

import (
	"bytes"
	"testing"

	"kindred/journal/sealed"
)

// cheap keeps the tests fast; real journals use sealed.DefaultKDF.
var cheap = sealed.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

const pass = "correct horse battery"

// newFile seals image with a new key and returns the file, its keys and the
// recovery key, as the format alone makes them (no SQL, no store).
func newFile(t *testing.T, image []byte) ([]byte, *sealed.Keys, []byte) {
	t.Helper()
	rk, err := sealed.ParseRecoveryKey(sealed.NewRecoveryKey())
	if err != nil {
		t.Fatal(err)
	}
	keys := sealed.NewKeys()
	h := sealed.NewHeader(keys, pass, cheap, rk)
	return sealed.SealBody(keys, h, image, nil), keys, rk
}

func TestBaseRoundTrip(t *testing.T) {
	image := bytes.Repeat([]byte("an evening by the sea "), 100)
	file, keys, rk := newFile(t, image)
	if bytes.Contains(file, []byte("evening")) {
		t.Fatal("the sealed file holds the plaintext")
	}
	h, err := sealed.ParseHeader("j.db", file, int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	byPass, ok := h.UnlockWithPassphrase(pass)
	if !ok || !byPass.Same(keys) {
		t.Fatal("the passphrase does not unwrap the data key")
	}
	if _, ok := h.UnlockWithPassphrase("wrong passphrase"); ok {
		t.Fatal("a wrong passphrase unwrapped the data key")
	}
	byRecovery, ok := h.UnlockWithRecovery(rk)
	if !ok || !byRecovery.Same(keys) {
		t.Fatal("the recovery key does not unwrap the data key")
	}
	got, err := sealed.OpenBody("j.db", keys, h, append([]byte{}, file...))
	if err != nil || !bytes.Equal(got, image) {
		t.Fatalf("open body: got %d bytes, err %v; want the image back", len(got), err)
	}
}

func TestDamageIsDamage(t *testing.T) {
	file, keys, _ := newFile(t, []byte("image"))
	h, _ := sealed.ParseHeader("j.db", file, int64(len(file)))
	v1 := sealed.SealBodyV1(keys, h, []byte("image"))
	for name, f := range map[string][]byte{
		"cut short":                file[:sealed.HeaderSize-1],
		"checksum":                 flip(file, sealed.ChecksumAt),
		"version 1, one byte more": append(append([]byte{}, v1...), 0),
		"not sealed":               []byte("SQLite format 3\x00"),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := sealed.ParseHeader("j.db", f, int64(len(f)))
			var se *sealed.Error
			if !asSealed(err, &se) || se.Kind != sealed.Damaged {
				t.Fatalf("got %v, want a Damaged error", err)
			}
		})
	}
}

func TestLogTornLastRecordIsDropped(t *testing.T) {
	file, keys, _ := newFile(t, []byte("image"))
	h, err := sealed.ParseHeader("j.db", file, int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	l := sealed.NewLog(h, file)
	for _, p := range []string{"first save", "second save"} {
		frame := sealed.SealRecord(keys, &l, []byte(p))
		file = append(file, frame...)
		l.Advance(frame)
	}
	_, payloads, torn, err := sealed.ReadLog("j.db", keys, h, file)
	if err != nil || torn != "" || len(payloads) != 2 || string(payloads[1]) != "second save" {
		t.Fatalf("got %q torn %q err %v, want both saves", payloads, torn, err)
	}
	cut := file[:len(file)-100]
	_, payloads, torn, err = sealed.ReadLog("j.db", keys, h, cut)
	if err != nil || torn == "" || len(payloads) != 1 {
		t.Fatalf("cut last record: got %d payloads, torn %q, err %v; want the first save and a torn note", len(payloads), torn, err)
	}
	swapped := append([]byte{}, file...)
	end := int64(len(file))
	copy(swapped[l.Start():], file[l.Start()+sealed.RecordQuantum:end])
	copy(swapped[end-sealed.RecordQuantum:], file[l.Start():l.Start()+sealed.RecordQuantum])
	if _, _, _, err := sealed.ReadLog("j.db", keys, h, swapped); err == nil {
		t.Fatal("reordered records were read as good")
	}
}

func flip(b []byte, at int) []byte {
	c := append([]byte{}, b...)
	c[at] ^= 1
	return c
}

func asSealed(err error, target **sealed.Error) bool {
	se, ok := err.(*sealed.Error)
	*target = se
	return ok
}
