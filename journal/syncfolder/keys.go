// Package syncfolder is the sync folder's format: who may read it (the keys
// file) and what each computer writes (sealed, immutable files in a folder
// of its own). It knows bytes, names and keys, not journals: journal/sync
// decides what goes in the files. See docs/sync.md.
package syncfolder

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"kindred/journal/sealed"
)

// Dir is the folder Kindred keeps inside the folder the user chose, so that
// the sync service's own files and the user's sit beside it untouched.
const Dir = "kindred-sync"

const (
	keysFile    = "keys"
	keysFormat  = "kindred-sync-keys"
	keysVersion = 1
	keySize     = 32
)

// keysDoc is the keys file: a random folder id and the sync key, wrapped by
// the pairing key and, if one was given, by a passphrase. It names nothing
// of the journal.
type keysDoc struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	Folder     string    `json:"folder"`
	Pairing    wrapped   `json:"pairing"`
	Passphrase *passWrap `json:"passphrase,omitempty"`
}

type wrapped struct {
	Salt    string `json:"salt"`
	Wrapped string `json:"wrapped"`
}

type passWrap struct {
	wrapped
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
}

// Folder is an open sync folder: its path, id and sync key.
type Folder struct {
	root string // <dir>/kindred-sync
	id   string
	key  []byte
}

// Errors a caller tells apart.
var (
	ErrNoFolder   = errors.New("the sync folder is not there")
	ErrNotSetUp   = errors.New("the folder has no Kindred sync in it")
	ErrExists     = errors.New("the folder already holds a Kindred sync")
	ErrWrongKey   = errors.New("the pairing key or passphrase does not open this sync folder")
	ErrOtherSync  = errors.New("the folder holds a different journal's sync")
	ErrDamagedKey = errors.New("the sync folder's keys file is damaged")
)

// Root is where the folder's files are.
func (f *Folder) Root() string { return f.root }

// ID is the folder's random id.
func (f *Folder) ID() string { return f.id }

// Key is the sync key, for the journal to remember (it never leaves it
// unsealed on disk when the journal is sealed).
func (f *Folder) Key() []byte { return append([]byte{}, f.key...) }

// NewID returns a random id for a folder or a computer.
func NewID() string { return hex.EncodeToString(sealed.RandomBytes(16)) }

// checkDir refuses a folder that is missing or not a folder.
func checkDir(dir string) error {
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s", ErrNoFolder, dir)
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	return nil
}

// Create sets up sync in dir: a new folder id and sync key, wrapped by a new
// pairing key (returned, to be shown once) and by passphrase if not empty.
func Create(dir, passphrase string, kdf sealed.KDFParams) (*Folder, string, error) {
	if err := checkDir(dir); err != nil {
		return nil, "", err
	}
	root := filepath.Join(dir, Dir)
	if _, err := os.Stat(filepath.Join(root, keysFile)); err == nil {
		return nil, "", fmt.Errorf("%w: %s", ErrExists, root)
	}
	f := &Folder{root: root, id: NewID(), key: sealed.RandomBytes(keySize)}
	pairing := sealed.NewRecoveryKey()
	raw, err := sealed.ParseRecoveryKey(pairing)
	if err != nil {
		return nil, "", err
	}
	doc := keysDoc{Format: keysFormat, Version: keysVersion, Folder: f.id}
	w := sealed.RecoveryWrapper(raw)
	doc.Pairing = wrapped{Salt: b64(w.Salt()), Wrapped: b64(w.WrapSecret(f.key, f.wrapAD("pairing")))}
	w.Wipe()
	if passphrase != "" {
		pw := sealed.PassphraseWrapper(passphrase, kdf)
		doc.Passphrase = &passWrap{wrapped: wrapped{Salt: b64(pw.Salt()), Wrapped: b64(pw.WrapSecret(f.key, f.wrapAD("passphrase")))},
			Time: kdf.Time, MemoryKiB: kdf.MemoryKiB, Threads: kdf.Threads}
		pw.Wipe()
	}
	body, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, "", err
	}
	if err := os.MkdirAll(root, 0o700); err != nil {
		return nil, "", fmt.Errorf("make %s: %w", root, err)
	}
	if err := writeAtomic(root, keysFile, append(body, '\n')); err != nil {
		return nil, "", err
	}
	return f, pairing, nil
}

func (f *Folder) wrapAD(what string) []byte {
	return []byte("kindred sync keys v1/" + f.id + "/" + what)
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func readKeys(dir string) (*keysDoc, string, error) {
	if err := checkDir(dir); err != nil {
		return nil, "", err
	}
	root := filepath.Join(dir, Dir)
	body, err := os.ReadFile(filepath.Join(root, keysFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", fmt.Errorf("%w: %s", ErrNotSetUp, dir)
	}
	if err != nil {
		return nil, "", err
	}
	var doc keysDoc
	if err := json.Unmarshal(body, &doc); err != nil || doc.Format != keysFormat || doc.Folder == "" {
		return nil, "", fmt.Errorf("%w: %s", ErrDamagedKey, filepath.Join(root, keysFile))
	}
	if doc.Version > keysVersion {
		return nil, "", fmt.Errorf("the sync folder %s was set up by a newer Kindred (keys version %d): update Kindred", dir, doc.Version)
	}
	return &doc, root, nil
}

// OpenWithPairing opens the folder in dir with the pairing key.
func OpenWithPairing(dir, pairing string) (*Folder, error) {
	doc, root, err := readKeys(dir)
	if err != nil {
		return nil, err
	}
	raw, err := sealed.ParseRecoveryKey(pairing)
	if err != nil {
		return nil, ErrWrongKey
	}
	salt, err1 := base64.StdEncoding.DecodeString(doc.Pairing.Salt)
	wr, err2 := base64.StdEncoding.DecodeString(doc.Pairing.Wrapped)
	if err1 != nil || err2 != nil {
		return nil, ErrDamagedKey
	}
	f := &Folder{root: root, id: doc.Folder}
	w := sealed.RecoveryWrapperSalted(raw, salt)
	defer w.Wipe()
	key, ok := w.UnwrapSecret(wr, f.wrapAD("pairing"))
	if !ok {
		return nil, ErrWrongKey
	}
	f.key = key
	return f, nil
}

// OpenWithPassphrase opens the folder in dir with its passphrase.
func OpenWithPassphrase(dir, pass string) (*Folder, error) {
	doc, root, err := readKeys(dir)
	if err != nil {
		return nil, err
	}
	if doc.Passphrase == nil {
		return nil, fmt.Errorf("%w (it was set up with a pairing key only)", ErrWrongKey)
	}
	salt, err1 := base64.StdEncoding.DecodeString(doc.Passphrase.Salt)
	wr, err2 := base64.StdEncoding.DecodeString(doc.Passphrase.Wrapped)
	if err1 != nil || err2 != nil {
		return nil, ErrDamagedKey
	}
	f := &Folder{root: root, id: doc.Folder}
	w, ok := sealed.PassphraseWrapperSalted(pass, salt, sealed.KDFParams{Time: doc.Passphrase.Time, MemoryKiB: doc.Passphrase.MemoryKiB, Threads: doc.Passphrase.Threads})
	if !ok {
		return nil, ErrDamagedKey
	}
	defer w.Wipe()
	key, ok := w.UnwrapSecret(wr, f.wrapAD("passphrase"))
	if !ok {
		return nil, ErrWrongKey
	}
	f.key = key
	return f, nil
}

// OpenWithKey opens the folder in dir with the sync key a journal
// remembered, checking that it is still the same folder.
func OpenWithKey(dir, id string, key []byte) (*Folder, error) {
	doc, root, err := readKeys(dir)
	if err != nil {
		return nil, err
	}
	if doc.Folder != id {
		return nil, fmt.Errorf("%w: %s", ErrOtherSync, dir)
	}
	return &Folder{root: root, id: id, key: append([]byte{}, key...)}, nil
}
