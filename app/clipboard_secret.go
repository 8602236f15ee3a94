package app

import (
	"time"

	"fyne.io/fyne/v2"
)

// copiedSecretLife is how long a recovery key copied to the clipboard stays
// there, as password managers do: long enough to paste it into one.
const copiedSecretLife = time.Minute

// copySecret puts secret on the clipboard and takes it off again after
// copiedSecretLife, unless the user has copied something else since.
func copySecret(a fyne.App, secret string) {
	cb := a.Clipboard()
	cb.SetContent(secret)
	afterFunc(copiedSecretLife, func() {
		fyne.Do(func() { clearCopiedSecret(cb, secret) })
	})
}

// clearCopiedSecret empties the clipboard if it still holds secret: what
// the user copied since is theirs to keep.
func clearCopiedSecret(cb fyne.Clipboard, secret string) {
	if cb.Content() == secret {
		cb.SetContent("")
	}
}
