// Package cli is Kindred's command line: one command a file (cmd_*.go), the
// shared flags, output and passphrase prompts, and opening a journal for use.
package cli
