package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"kindred/journal"
	"kindred/journal/sealed"
)

func init() {
	register(command{name: "seal", summary: "seal the journal with a passphrase: encrypted on disk", run: runSeal})
	register(command{name: "unseal", summary: "turn a sealed journal back into a plain one", run: runUnseal})
	register(command{name: "passphrase", summary: "change a sealed journal's passphrase (or set one with the recovery key)", run: runPassphrase})
}

// sealOptions are the key settings of sealing: sealed.DefaultKDF. Only tests
// change them, to make sealing cheap.
var sealOptions journal.SealOptions

func runSeal(e *env) error {
	fs := e.flags("seal", "[--recovery-key-file FILE]")
	keyFile := fs.String("recovery-key-file", "", "write the recovery key to `FILE` (a new file) instead of showing it")
	if err := e.noArgs(fs, "seal"); err != nil {
		return err
	}
	path, err := e.journalPath()
	if err != nil {
		return err
	}
	if sealed, err := journal.IsSealedFile(path); err != nil {
		return err
	} else if sealed {
		return fmt.Errorf("%s is already sealed (kindred passphrase changes its passphrase)", path)
	}
	if *keyFile == "" && e.term == nil {
		return errors.New("sealing makes a recovery key that you must keep: run kindred seal in a terminal to be shown it, or give --recovery-key-file FILE")
	}
	pass, err := e.newPassphrase(e.passphraseFile, "KINDRED_PASSPHRASE")
	if err != nil {
		return err
	}
	key := sealed.NewRecoveryKey()
	if *keyFile != "" {
		// On the disk before the journal is sealed, so no crash can lose it.
		if err := writeNewFile(*keyFile, key+"\n"); err != nil {
			return fmt.Errorf("write recovery key: %w", err)
		}
	} else if err := e.confirmRecoveryKey(key); err != nil {
		return err
	}
	st, err := journal.Seal(e.ctx, path, pass, key, sealOptions)
	if st == nil {
		if *keyFile != "" {
			os.Remove(*keyFile)
		}
		return err
	}
	fmt.Fprintf(e.stdout, "sealed %s\n", path)
	return errors.Join(err, st.Close())
}

// confirmRecoveryKey shows the recovery key on the terminal and has the user
// type it back, which they can only do if they kept it.
func (e *env) confirmRecoveryKey(key string) error {
	fmt.Fprintf(e.stderr, "\nYour recovery key:\n\n    %s\n\n", key)
	fmt.Fprintln(e.stderr, "It opens the journal if you forget the passphrase. Kindred keeps no copy and will")
	fmt.Fprintln(e.stderr, "not show it again: write it down or store it in a password manager, away from this computer.")
	for {
		typed, err := e.term.ReadLine("Type the recovery key to confirm you kept it (Enter alone cancels): ")
		if err != nil {
			return err
		}
		if strings.TrimSpace(typed) == "" {
			return errors.New("sealing cancelled: nothing was changed")
		}
		if sealed.SameRecoveryKey(key, typed) {
			return nil
		}
		fmt.Fprintln(e.stderr, "That is not the key shown above; check what you kept and type it again.")
	}
}

func runUnseal(e *env) error {
	fs := e.flags("unseal", "[--yes] [--recovery-key FILE | --use-recovery-key]")
	yes := fs.Bool("yes", false, "unseal without asking first")
	rk := recoveryFlags(fs)
	if err := e.noArgs(fs, "unseal"); err != nil {
		return err
	}
	path, err := e.sealedPath()
	if err != nil {
		return err
	}
	if !*yes {
		if e.term == nil {
			return errors.New("unsealing writes the journal to the disk unencrypted: add --yes to go ahead")
		}
		answer, err := e.term.ReadLine(fmt.Sprintf("Unseal %s? Anyone who can read the file will be able to read the journal. [y/N] ", path))
		if err != nil {
			return err
		}
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			return errors.New("unsealing cancelled: nothing was changed")
		}
	}
	st, err := e.unlockFor(path, rk)
	if err != nil {
		return err
	}
	if err := st.Unseal(e.ctx); err != nil {
		st.Close()
		return err
	}
	// Unseal closed the journal but not its hold on the path: let it go, or
	// a command run next in this process (a restore) finds it in use.
	if err := st.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "unsealed %s\n", path)
	return nil
}

func runPassphrase(e *env) error {
	fs := e.flags("passphrase", "[--recovery-key FILE | --use-recovery-key] [--new-passphrase-file FILE] [--new-recovery-key-file FILE]")
	rk := recoveryFlags(fs)
	newFile := fs.String("new-passphrase-file", "", "read the new passphrase from `FILE` (else $KINDRED_NEW_PASSPHRASE, else asked)")
	newKeyFile := fs.String("new-recovery-key-file", "", "make a new recovery key too and write it to `FILE` (a new file); the old one stops working")
	if err := e.noArgs(fs, "passphrase"); err != nil {
		return err
	}
	path, err := e.sealedPath()
	if err != nil {
		return err
	}
	st, err := e.unlockFor(path, rk)
	if err != nil {
		return err
	}
	defer st.Close()
	pass, err := e.newPassphrase(*newFile, "KINDRED_NEW_PASSPHRASE")
	if err != nil {
		return err
	}
	var key string
	if *newKeyFile != "" {
		key = sealed.NewRecoveryKey()
		// On the disk before the journal changes, so no crash can lose it.
		if err := writeNewFile(*newKeyFile, key+"\n"); err != nil {
			return fmt.Errorf("write recovery key: %w", err)
		}
	}
	err = st.ChangeSecrets(e.ctx, pass, key, sealOptions)
	if je := journal.AsError(err); je != nil && je.Field == "recovery_key" && key == "" {
		// Unlocked with the passphrase: the new key must be wrapped for the
		// recovery key too, and Kindred keeps no copy of it.
		if e.term == nil {
			return fmt.Errorf("%s is sealed under a new key at every change, which the recovery key must open too: give it with --recovery-key FILE (or --use-recovery-key on a terminal), or make a new one with --new-recovery-key-file FILE; nothing was changed", path)
		}
		if key, err = e.term.ReadSecret("Recovery key (it keeps working): "); err != nil {
			return err
		}
		if err := st.VerifyRecoveryKey(key); err != nil {
			return err
		}
		err = st.ChangeSecrets(e.ctx, pass, key, sealOptions)
	}
	if err != nil {
		// The key file goes only when the journal surely did not take it.
		if je := journal.AsError(err); *newKeyFile != "" && je != nil && je.Code == journal.EINVALID {
			os.Remove(*newKeyFile)
		}
		return err
	}
	fmt.Fprintf(e.stdout, "changed the passphrase of %s: it and its backups are sealed under a new key, which old copies and the old passphrase do not open\n", path)
	return nil
}

// recoveryKeyFlags say how to unlock with the recovery key instead of the passphrase.
type recoveryKeyFlags struct {
	file string
	ask  bool
}

func recoveryFlags(fs *flag.FlagSet) *recoveryKeyFlags {
	rk := &recoveryKeyFlags{}
	fs.StringVar(&rk.file, "recovery-key", "", "unlock with the recovery key in `FILE`, not the passphrase")
	fs.BoolVar(&rk.ask, "use-recovery-key", false, "unlock with the recovery key, asked for on the terminal")
	return rk
}

// unlockFor opens the sealed journal at path with its recovery key if the
// flags ask for it, else with its passphrase.
func (e *env) unlockFor(path string, rk *recoveryKeyFlags) (*journal.Store, error) {
	var sec journal.Secret
	var err error
	if rk.file != "" || rk.ask {
		sec.RecoveryKey, err = e.readRecoveryKey(rk.file)
	} else {
		sec, err = e.secret(path)
	}
	if err != nil {
		return nil, err
	}
	return journal.OpenSealed(e.ctx, path, sec)
}

// sealedPath is the journal's path, which must be a sealed journal.
func (e *env) sealedPath() (string, error) {
	path, err := e.journalPath()
	if err != nil {
		return "", err
	}
	sealed, err := journal.IsSealedFile(path)
	if err != nil {
		return "", err
	}
	if !sealed {
		if _, err := os.Stat(path); err != nil {
			return "", fmt.Errorf("there is no journal at %s", path)
		}
		return "", fmt.Errorf("%s is not sealed (kindred seal seals it)", path)
	}
	return path, nil
}

// noArgs parses the flags of a command that takes nothing else.
func (e *env) noArgs(fs *flag.FlagSet, name string) error {
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("%s takes no arguments besides its flags (got %q)", name, args[0])
	}
	return nil
}

// writeNewFile writes a small secret to a file that must not exist yet,
// readable only by the user, and syncs it.
func writeNewFile(path, content string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(content)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}
