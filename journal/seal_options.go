package journal

import "kindred/journal/sealed"

// SealOptions tune sealing and passphrase changes.
type SealOptions struct {
	// InsecureKDFForTests replaces sealed.DefaultKDF with cheaper costs. Only
	// tests set it: the program never does, so every journal a user seals
	// uses at least sealed.DefaultKDF.
	InsecureKDFForTests *sealed.KDFParams
}

func (o SealOptions) kdf() sealed.KDFParams {
	if o.InsecureKDFForTests != nil {
		return *o.InsecureKDFForTests
	}
	return sealed.DefaultKDF
}
