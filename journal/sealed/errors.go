package sealed

import "fmt"

// Kind says what sort of problem an Error is, so that the journal can give it
// its own error code once, at its edge, without parsing messages.
type Kind int

const (
	// Invalid: a passphrase or recovery key as typed cannot be used.
	Invalid Kind = iota + 1
	// Damaged: the file is not what Kindred wrote.
	Damaged
	// Newer: the file was written by a newer format than this one reads.
	Newer
)

// Error is a problem with a sealed file or a secret, worded for the user.
type Error struct {
	Kind    Kind
	Field   string // the input an Invalid error is about
	Message string
}

func (e *Error) Error() string { return e.Message }

// Damagedf reports that the file at path is damaged, and how.
func Damagedf(path, format string, args ...any) *Error {
	return &Error{Kind: Damaged, Message: fmt.Sprintf("%s is damaged: %s.", path, fmt.Sprintf(format, args...))}
}

func fieldErrorf(field, format string, args ...any) *Error {
	return &Error{Kind: Invalid, Field: field, Message: fmt.Sprintf(format, args...)}
}
