// Package fynelocale gives Fyne a language it can read when the
// environment's locale is C or POSIX with a codeset (LANG=C.UTF-8, common on
// servers, in containers, and Kindred's own Makefile).
//
// Fyne's lang package reads the locale through go-locale while it is
// initialized, before main runs, and again whenever it looks a translation
// up. go-locale passes "C.UTF-8" on as the language "C", which is no language
// tag, and Fyne logs three lines of "Error parsing user locale C" to stderr
// each time: on every command, even those that open no window. Plain C or
// POSIX (and no locale at all) go-locale already reads as English.
//
// Importing this package sets LANGUAGE=en in that case, which go-locale reads
// before the codeset-qualified C, so Fyne falls back to English without a
// word. It must run before Fyne's lang package is initialized: it imports
// nothing but os and strings, and Go initializes, of the packages whose
// imports are ready, the first by import path; "kindred/fynelocale" is ready
// as soon as os is, and sorts before text/template, which Fyne's lang package
// needs and which itself needs os. The cli package's test of the built
// binary's stderr checks that this holds.
package fynelocale

import (
	"os"
	"strings"
)

func init() {
	if name, value, ok := Override(os.Getenv); ok {
		os.Setenv(name, value)
	}
}

// Override is the variable to set, and its value, for Fyne to read a
// well-formed language from an environment read through getenv; ok is false
// when the environment needs nothing. Like gettext (and go-locale), it takes
// the first of LC_ALL, LC_MESSAGES and LANG that is set, and LANGUAGE, when
// set, is the user's own choice of language: it is left alone.
func Override(getenv func(string) string) (name, value string, ok bool) {
	var locale string
	for _, v := range [...]string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = getenv(v); locale != "" {
			break
		}
	}
	if locale == "C" || locale == "POSIX" || getenv("LANGUAGE") != "" {
		return "", "", false
	}
	lang, _, _ := strings.Cut(locale, ".")
	lang, _, _ = strings.Cut(lang, "@")
	lang, _, _ = strings.Cut(lang, "_")
	if lang != "C" && lang != "POSIX" {
		return "", "", false
	}
	return "LANGUAGE", "en", true
}
