package sealed

import "bytes"

// Magic opens every sealed journal file; Kindred tells sealed from plain
// journals by their first bytes, never by their names. The NUL keeps text
// tools from taking the file for text; the CR LF pair shows up damage done by
// a transfer that rewrote line endings.
const Magic = "KINDRED\x00SEALED\r\n"

// HasMagic reports whether head, the first bytes of a file, is a sealed journal.
func HasMagic(head []byte) bool {
	return bytes.HasPrefix(head, []byte(Magic))
}
