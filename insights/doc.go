// Package insights turns a journal into what it says about each relationship:
// closeness over time, the moment ledger, the balance of depth and lightness,
// reciprocity, a depth score with its ingredients, gentle suggestions, and
// the journal-wide view (who grows closer, who drifts, the evenings' heat map,
// the year in moments). It also renders the charts, once, for both the app
// and the PDF report.
//
// Everything here is a pure function of plain values: the caller loads the
// data through journal's Store (see Load, LoadPerson, PersonReport and
// JournalReport for the one-call versions) and passes the clock in as now, so
// results are reproducible. The package knows nothing of Fyne, SQL or PDF.
//
// The entry points:
//
//	PersonReport(ctx, src, personID, rng, now) (*PersonInsights, error)
//	JournalReport(ctx, src, rng, now) (*JournalInsights, error)
//	AnalyzePerson(h PersonHistory, kinds []journal.MomentKind, rng Range, now time.Time) PersonInsights
//	AnalyzeJournal(j History, rng Range, now time.Time) JournalInsights
//	RenderChart(kind ChartKind, data ChartData, widthPx, heightPx int, th Theme) (image.Image, error)
//	ClosenessPointAt(data ChartData, widthPx, heightPx int, x, y float64) (ClosenessPoint, bool)
//
// The building blocks (ClosenessOverTime, MomentLedger, DepthBalance,
// ReciprocityOf, DepthScores, Suggest, GrowingAndDrifting, HeatMap,
// YearInMoments) are exported too, each with its own tests. The depth score's
// formula, the suggestions' rules and the JSON the command line prints are
// documented in docs/insights.md.
//
// Calendar buckets (days, months) use each evening's own wall clock, the
// offset it was written in: an evening at 23:30 in Lisbon belongs to that day
// even though it was already tomorrow in UTC. Durations (gaps between
// evenings, "41 days ago") count calendar days, so summer time never makes a
// day 23 hours long.
package insights
