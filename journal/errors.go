package journal

import (
	"errors"
	"fmt"

	"kindred/journal/sealed"
)

// Error codes let the GUI and the command line choose a message without parsing
// strings. Driver errors are translated to these once, at the store's edge.
const (
	EINVALID  = "invalid"
	ENOTFOUND = "not_found"
	ECONFLICT = "conflict"
	EDAMAGED  = "damaged"
	ENEWER    = "newer_version"
	EINTERNAL = "internal"
)

// Error is a journal error with a code and a message fit to show the user.
type Error struct {
	Code    string
	Message string
	// Field names the input the problem is about ("people", "date", ...), so a
	// form can show the message beside it.
	Field string
}

func (e *Error) Error() string { return e.Message }

// Errorf builds an *Error with a code.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// fieldErrorf builds an invalid-input error tied to one field.
func fieldErrorf(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// AsError returns err as a journal *Error, or nil when it carries no code.
// Errors of the sealed format get the journal's codes here, once: the format
// knows nothing of them.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var se *sealed.Error
	if errors.As(err, &se) {
		code := EINTERNAL
		switch se.Kind {
		case sealed.Invalid:
			code = EINVALID
		case sealed.Damaged:
			code = EDAMAGED
		case sealed.Newer:
			code = ENEWER
		}
		return &Error{Code: code, Field: se.Field, Message: se.Message}
	}
	return nil
}

// ErrorCode returns the code of err, EINTERNAL for errors that carry none, and
// "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	if e := AsError(err); e != nil {
		return e.Code
	}
	return EINTERNAL
}

// ErrorField returns the field an invalid-input error is about, if any.
func ErrorField(err error) string {
	if e := AsError(err); e != nil {
		return e.Field
	}
	return ""
}

// Codes for conditions outside the user's input.
const (
	ESEALED   = "sealed"
	EDISKFULL = "disk_full"
	EREADONLY = "read_only"
	EIO       = "io"
)
