package journal

// Codes for the conditions of a sealed journal.
const (
	// EPASSPHRASE: the passphrase or recovery key does not open the journal.
	EPASSPHRASE = "wrong_passphrase"
	// EBUSY: another Kindred has the journal open.
	EBUSY = "busy"
)

// PlaintextExportNote is said whenever a sealed journal is exported: the
// seal protects the journal's file, not the copies written out of it.
const PlaintextExportNote = "this journal is sealed, but the export is not encrypted: anyone who can read the exported file can read what it holds. Keep it somewhere safe, and delete it when you no longer need it."
