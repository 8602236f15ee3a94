package app

// offUIRunner starts a piece of store work off the UI goroutine; the work
// applies its result with fyne.Do. Screens hold one so that tests can run
// the work themselves, on their own goroutine and in order, instead of
// waiting for it.
type offUIRunner func(work func())

// goOffUI is the runner of the running app.
func goOffUI(work func()) { go work() }

// offUI is the runner new windows and their screens start with. Fyne's test
// driver runs fyne.Do at once on the calling goroutine, so the app's tests
// make store work run in place too, never beside the test.
var offUI offUIRunner = goOffUI
