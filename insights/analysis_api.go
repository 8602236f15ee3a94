package insights

import (
	"time"

	"kindred/journal"
)

// ClosenessOverTime returns the ratings in the range and the smoothed trend.
func ClosenessOverTime(evs []Evening, rng Range) ClosenessSeries { return ClosenessSeries{} }

// MomentLedger counts moments per kind per month in the range, and finds the
// first and last evening of each kind up to asOf.
func MomentLedger(evs []Evening, kinds []journal.MomentKind, rng Range, asOf time.Time) Ledger {
	return Ledger{}
}

// DepthBalance weighs deep moments against light ones, per month.
func DepthBalance(evs []Evening, rng Range) Balance { return Balance{} }

// ReciprocityOf counts who opened up in the range.
func ReciprocityOf(evs []Evening, rng Range) Reciprocity { return Reciprocity{} }

// DepthScoreAt is the depth score as it stood at t.
func DepthScoreAt(evs []Evening, kinds []journal.MomentKind, t time.Time) DepthScore {
	return DepthScore{}
}

// DepthScores is the score at the end of each month of the range (the last
// one at asOf).
func DepthScores(evs []Evening, kinds []journal.MomentKind, rng Range, asOf time.Time) []DepthScore {
	return nil
}

// Suggest returns every suggestion that applies to a person at asOf, most
// pressing first; Pick chooses the few to show.
func Suggest(p PersonHistory, kinds []journal.MomentKind, asOf time.Time) []Suggestion { return nil }

// Pick leaves out dismissed suggestions and keeps at most max.
func Pick(sugs []Suggestion, dismissed map[string]time.Time, max int) []Suggestion { return nil }

// GrowingAndDrifting finds who grew closer over the range and who is
// drifting from their usual rhythm, as of asOf.
func GrowingAndDrifting(people []PersonHistory, rng Range, asOf time.Time) (growing, drifting []PersonTrend) {
	return nil, nil
}

// HeatMap counts evenings per day in the range; an evening with several
// people counts once.
func HeatMap(people []PersonHistory, rng Range) []DayCount { return nil }

// YearInMoments sums up the twelve months ending at the range's end.
func YearInMoments(people []PersonHistory, kinds []journal.MomentKind, rng Range, asOf time.Time) YearSummary {
	return YearSummary{}
}

// AnalyzePerson computes everything about one person for the range.
func AnalyzePerson(p PersonHistory, kinds []journal.MomentKind, dismissed map[string]time.Time, rng Range, now time.Time) PersonInsights {
	return PersonInsights{}
}

// AnalyzeJournal computes the journal-wide view for the range.
func AnalyzeJournal(h History, rng Range, now time.Time) JournalInsights { return JournalInsights{} }

// Parts lays out the score's ingredients, with their weights and what each
// adds, for showing beside the score.
func (d DepthScore) Parts() []ScorePart { return nil }
