package journal

import "context"

// OpenStep is a slow step that opening a journal may take, once, before the
// journal is ready: a window can say what is happening instead of seeming
// frozen.
type OpenStep int

const (
	// StepSearchIndex: the full-text index predates how this build spells
	// words (see searchIndexVersion) and is being rebuilt, after a backup.
	StepSearchIndex OpenStep = iota + 1
)

type openProgressKey struct{}

// WithOpenProgress returns ctx carrying step, which Open, OpenSealed and
// every other way of opening a journal with that context call, on their own
// goroutine, as a slow step begins. Opening without it says nothing.
func WithOpenProgress(ctx context.Context, step func(OpenStep)) context.Context {
	return context.WithValue(ctx, openProgressKey{}, step)
}

func tellOpenStep(ctx context.Context, step OpenStep) {
	if f, ok := ctx.Value(openProgressKey{}).(func(OpenStep)); ok && f != nil {
		f(step)
	}
}
