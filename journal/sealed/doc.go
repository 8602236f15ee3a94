// Package sealed is the sealed journal's file format: the header, the keys a
// passphrase or recovery key unwraps, the encrypted base and the chained log of
// change records. It knows bytes and keys only, no SQL and no store, so that
// anything that must seal (the journal, its backups, a sync folder) shares one
// audited format; docs/sealed-format.md describes it for people.
package sealed
