package sealed

// Wrapping a key that is not the journal's: the sync folder keeps its sync
// key wrapped by a pairing key (a recovery key's format) and, if asked, by a
// passphrase, with the same derivations and cipher as the journal header.

// Salt is the wrapper's random salt, to be stored beside what it wraps.
func (w *Wrapper) Salt() []byte { return append([]byte{}, w.salt...) }

// KDF is the costs of a passphrase wrapper.
func (w *Wrapper) KDF() KDFParams { return w.kdf }

// WrapSecret encrypts secret under the wrapper, bound to ad.
func (w *Wrapper) WrapSecret(secret, ad []byte) []byte { return wrapKey(w.kek, secret, ad) }

// UnwrapSecret opens what WrapSecret made; false when the key or ad differ.
func (w *Wrapper) UnwrapSecret(wrapped, ad []byte) ([]byte, bool) {
	if len(wrapped) < 24+16 {
		return nil, false
	}
	return unwrapKey(w.kek, wrapped, ad)
}

// PassphraseWrapperSalted derives a passphrase's wrapper with a stored salt.
func PassphraseWrapperSalted(pass string, salt []byte, kdf KDFParams) (*Wrapper, bool) {
	if !kdf.valid() || len(salt) != saltSize {
		return nil, false
	}
	return &Wrapper{salt: salt, kdf: kdf, kek: passphraseKey(pass, salt, kdf)}, true
}

// RecoveryWrapperSalted derives a recovery (pairing) key's wrapper with a
// stored salt.
func RecoveryWrapperSalted(recovery, salt []byte) *Wrapper {
	return &Wrapper{recovery: true, salt: salt, kek: subkey(recovery, salt, "recovery wrap")}
}

// RandomBytes returns n bytes from the system's secure source.
func RandomBytes(n int) []byte { return randomBytes(n) }
