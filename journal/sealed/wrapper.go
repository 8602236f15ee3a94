package sealed

// A Wrapper is one secret's key-encryption key with the salt and costs it
// came from. A journal open for a session keeps the wrappers of the secrets
// it was opened or sealed with, so that a change of the other secret can
// seal it under a new data key without asking again for the one that stays.
type Wrapper struct {
	recovery bool
	salt     []byte
	kdf      KDFParams // the passphrase's costs
	kek      []byte
}

// PassphraseWrapper derives a new passphrase's wrapper, with a fresh salt.
func PassphraseWrapper(pass string, kdf KDFParams) *Wrapper {
	salt := randomBytes(saltSize)
	return &Wrapper{salt: salt, kdf: kdf, kek: passphraseKey(pass, salt, kdf)}
}

// RecoveryWrapper derives a recovery key's wrapper, with a fresh salt.
func RecoveryWrapper(recovery []byte) *Wrapper {
	salt := randomBytes(saltSize)
	return &Wrapper{recovery: true, salt: salt, kek: subkey(recovery, salt, "recovery wrap")}
}

// Recovery reports whether w wraps for a recovery key, not a passphrase.
func (w *Wrapper) Recovery() bool { return w.recovery }

func (w *Wrapper) Wipe() {
	if w != nil {
		Wipe(w.kek)
	}
}

// NewHeaderWith starts a header for the data key of keys, wrapped by the two
// wrappers (a passphrase's and a recovery key's).
func NewHeaderWith(keys *Keys, pass, recovery *Wrapper) *Header {
	h := new(Header)
	copy(h[:], Magic)
	setVersion(h, Version)
	h.wrap(keys, pass)
	h.wrap(keys, recovery)
	return h
}

func (h *Header) wrap(keys *Keys, w *Wrapper) {
	if w.recovery {
		copy(h[offRecSalt:offPassWrap], w.salt)
		copy(h[offRecWrap:], wrapKey(w.kek, keys.data, h.recWrapAD()))
		return
	}
	h.setKDF(w.kdf)
	copy(h[offPassSalt:offRecSalt], w.salt)
	copy(h[offPassWrap:], wrapKey(w.kek, keys.data, h.passWrapAD()))
}

// UnlockPassphrase is UnlockWithPassphrase that also returns the wrapper,
// which the caller must Wipe.
func (h *Header) UnlockPassphrase(pass string) (*Keys, *Wrapper, bool) {
	salt := append([]byte{}, h[offPassSalt:offRecSalt]...)
	w := &Wrapper{salt: salt, kdf: h.KDF(), kek: passphraseKey(pass, salt, h.KDF())}
	data, ok := unwrapKey(w.kek, h[offPassWrap:offRecWrap], h.passWrapAD())
	if !ok {
		w.Wipe()
		return nil, nil, false
	}
	return newKeys(data), w, true
}

// UnlockRecovery is UnlockWithRecovery that also returns the wrapper, which
// the caller must Wipe.
func (h *Header) UnlockRecovery(recovery []byte) (*Keys, *Wrapper, bool) {
	salt := append([]byte{}, h[offRecSalt:offPassWrap]...)
	w := &Wrapper{recovery: true, salt: salt, kek: subkey(recovery, salt, "recovery wrap")}
	data, ok := unwrapKey(w.kek, h[offRecWrap:offBodyNonce], h.recWrapAD())
	if !ok {
		w.Wipe()
		return nil, nil, false
	}
	return newKeys(data), w, true
}
