package journal

// Codes for the conditions of a sealed journal.
const (
	// EPASSPHRASE: the passphrase or recovery key does not open the journal.
	EPASSPHRASE = "wrong_passphrase"
	// EBUSY: another Kindred has the journal open.
	EBUSY = "busy"
)
