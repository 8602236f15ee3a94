package insights

import (
	"time"

	"kindred/journal"
)

// PersonRef names a person in results.
type PersonRef struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
}

// MomentRef points at the evening something happened in.
type MomentRef struct {
	At           time.Time `json:"at"`
	ReflectionID string    `json:"reflection_id"`
}

// ClosenessPoint is one rated evening.
type ClosenessPoint struct {
	At           time.Time         `json:"at"`
	ReflectionID string            `json:"reflection_id"`
	Closeness    journal.Closeness `json:"closeness"`
}

// TrendPoint is the smoothed closeness just after an evening.
type TrendPoint struct {
	At    time.Time `json:"at"`
	Value float64   `json:"value"`
}

// ClosenessSeries is closeness over time: every rating in the range and the
// smoothed trend through them (see docs/insights.md for the smoothing).
type ClosenessSeries struct {
	Points []ClosenessPoint `json:"points"`
	Trend  []TrendPoint     `json:"trend"`
	// Latest is the trend at the last rated evening up to the range's end;
	// 0 when nothing was ever rated.
	Latest float64 `json:"latest"`
	// Change is Latest minus the trend as it stood when the range began:
	// after the last rating before the range, or else after its first rating.
	Change float64 `json:"change"`
	// Ratings counts the ratings up to the range's end, before it included;
	// RatedDays the calendar days from the first of them to the last. A
	// change is claimed only on enough of both (ChangeKnown).
	Ratings   int `json:"ratings"`
	RatedDays int `json:"rated_days"`
}

// MonthMoments counts one month's evenings and moments by kind.
type MonthMoments struct {
	Month    Month          `json:"month"`
	Evenings int            `json:"evenings"`
	Counts   map[string]int `json:"counts"`
}

// KindRecord is the ledger line of one moment kind.
type KindRecord struct {
	Kind  string `json:"kind"`
	Label string `json:"label"`
	// Count is how many evenings in the range had it.
	Count int `json:"count"`
	// First and Last are the first and latest evenings with it, over the
	// whole history up to the range's end; nil when it never happened.
	First *MomentRef `json:"first,omitempty"`
	Last  *MomentRef `json:"last,omitempty"`
	// DaysSinceLast counts calendar days from Last to AsOf; -1 when never.
	DaysSinceLast int `json:"days_since_last"`
}

// Ledger is the moment ledger: counts per kind per month, and when each kind
// happened first and last.
type Ledger struct {
	Months []MonthMoments `json:"months"`
	Kinds  []KindRecord   `json:"kinds"`
}

// BalanceMonth is one month's deep and light moments.
type BalanceMonth struct {
	Month Month `json:"month"`
	Deep  int   `json:"deep"`
	Light int   `json:"light"`
}

// Balance weighs deep moments (journal.DeepKinds) against light ones
// (journal.LightKinds) over the range.
type Balance struct {
	Months []BalanceMonth `json:"months"`
	Deep   int            `json:"deep"`
	Light  int            `json:"light"`
	// DeepShare is Deep/(Deep+Light), 0 when there were neither.
	DeepShare float64 `json:"deep_share"`
}

// Reciprocity is who opened up: they (deep-talk) and I (shared-back).
type Reciprocity struct {
	TheyOpened int `json:"they_opened"` // evenings with deep-talk or a deck question they answered
	IOpened    int `json:"i_opened"`    // evenings with shared-back or a deck question I answered
	Both       int `json:"both"`        // evenings with both
	// Evenness is min/max of the two counts: 1 when even, 0 when one-sided
	// or when nobody opened up.
	Evenness float64 `json:"evenness"`
}

// Ingredients are what a depth score is made of, each 0-1, with the raw
// figures behind them.
type Ingredients struct {
	Closeness      float64 `json:"closeness"`       // (trend-1)/6
	ClosenessTrend float64 `json:"closeness_trend"` // the trend on the 1-7 scale, 0 if never rated
	Breadth        float64 `json:"breadth"`         // min(1, kinds/6)
	BreadthKinds   int     `json:"breadth_kinds"`   // connection kinds in the last 90 days
	Reciprocity    float64 `json:"reciprocity"`     // evenness over the last 180 days
	TheyOpened     int     `json:"they_opened"`     // evenings in those 180 days with deep-talk or a deck question they answered
	IOpened        int     `json:"i_opened"`        // evenings in those 180 days with shared-back or a deck question I answered
	MutualAnswers  int     `json:"mutual_answers"`  // evenings in those 180 days with a deck question both answered
	Recency        float64 `json:"recency"`         // 0.5^(days/30)
	DaysSince      int     `json:"days_since"`      // days since the last evening, -1 if none
}

// DepthScore is a person's depth score, 0-100, as it stood at AsOf.
type DepthScore struct {
	Month       Month       `json:"month"`
	AsOf        time.Time   `json:"as_of"`
	Score       int         `json:"score"`
	Ingredients Ingredients `json:"ingredients"`
}

// ScorePart is one ingredient of a score, ready to show beside it.
type ScorePart struct {
	Name   string  // "Closeness"
	Weight float64 // its share of the score, e.g. 0.4
	Value  float64 // 0-1
	Points float64 // what it adds to the score: 100*Weight*Value
	Detail string  // the raw figures, in words
}

// SuggestionRule names the rule that made a suggestion.
type SuggestionRule string

const (
	RuleDeepWithoutAir   SuggestionRule = "deep-without-air"
	RuleBondUnnamed      SuggestionRule = "bond-unnamed"
	RuleNoAdventure      SuggestionRule = "no-adventure"
	RuleRecurringMisstep SuggestionRule = "recurring-misstep"
	RuleDrifting         SuggestionRule = "drifting"
	RuleDeckStalled      SuggestionRule = "deck-stalled"
)

// MaxSuggestions is how many suggestions are shown at once.
const MaxSuggestions = 3

// Suggestion is a gentle, specific idea tied to a technique and to the
// evenings that prompted it.
type Suggestion struct {
	// Key is stable for as long as the same situation lasts; dismissing it
	// (journal Store.DismissSuggestion) hides it until a new situation arises.
	Key    string         `json:"key"`
	Rule   SuggestionRule `json:"rule"`
	Person PersonRef      `json:"person"`
	// Technique is the moment kind id of the technique it points to.
	Technique string `json:"technique"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	// ReflectionIDs are the evenings behind it, newest first.
	ReflectionIDs []string `json:"reflection_ids"`

	at time.Time // the newest evening behind it, to order across people
}

// PersonInsights is everything the insights screen, the PDF and the command
// line show about one person.
type PersonInsights struct {
	Person PersonRef `json:"person"`
	Range  Range     `json:"range"`
	AsOf   time.Time `json:"as_of"`
	// Evenings counts evenings in the range; Since and Last bound the whole
	// history up to AsOf (nil when there is none).
	Evenings    int             `json:"evenings"`
	First       *MomentRef      `json:"first,omitempty"`
	Last        *MomentRef      `json:"last,omitempty"`
	Closeness   ClosenessSeries `json:"closeness"`
	Ledger      Ledger          `json:"ledger"`
	Balance     Balance         `json:"balance"`
	Reciprocity Reciprocity     `json:"reciprocity"`
	Score       DepthScore      `json:"score"`
	Scores      []DepthScore    `json:"scores"` // one per month in the range
	HeatMap     []DayCount      `json:"heat_map"`
	Suggestions []Suggestion    `json:"suggestions"`
	// PutAside are the suggestions the user put aside that still hold, to
	// bring back (journal Store.RestoreSuggestion).
	PutAside []Suggestion `json:"put_aside,omitempty"`
	Deck     DeckProgress `json:"deck"`
	// Anniversaries are the firsts that come round in the next weeks.
	Anniversaries []Anniversary `json:"anniversaries,omitempty"`

	Kinds []journal.MomentKind `json:"-"` // for labels and colours
}

// PersonTrend is one person in the journal-wide growing and drifting lists.
type PersonTrend struct {
	Person PersonRef `json:"person"`
	// Trend is the closeness trend at the range's end; Change is how far it
	// moved over the range.
	Trend  float64 `json:"trend"`
	Change float64 `json:"change"`
	// DaysSince is calendar days since the last evening; UsualGapDays the
	// median gap between their evenings.
	DaysSince    int       `json:"days_since"`
	UsualGapDays float64   `json:"usual_gap_days"`
	Reason       string    `json:"reason"`
	Last         MomentRef `json:"last"`
}

// DayCount is how many evenings were written on one day.
type DayCount struct {
	Day      Day `json:"day"`
	Evenings int `json:"evenings"`
}

// KindCount is how many moments of a kind.
type KindCount struct {
	Kind  string `json:"kind"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// YearFirst is a kind of moment that happened with someone for the first time.
type YearFirst struct {
	Person PersonRef `json:"person"`
	Kind   string    `json:"kind"`
	Label  string    `json:"label"`
	MomentRef
}

// YearSummary is the year in moments: the last twelve months of the range.
type YearSummary struct {
	Range    Range       `json:"range"`
	Evenings int         `json:"evenings"`
	People   int         `json:"people"`
	Moments  int         `json:"moments"`
	Kinds    []KindCount `json:"kinds"` // most frequent first
	// BusiestMonth is the month with the most evenings, when one month has
	// more than any other; BusiestMonths lists every month that shares the
	// most (one or more), oldest first, with BusiestEvenings each.
	BusiestMonth    *Month      `json:"busiest_month,omitempty"`
	BusiestMonths   []Month     `json:"busiest_months,omitempty"`
	BusiestEvenings int         `json:"busiest_evenings,omitempty"`
	Firsts          []YearFirst `json:"firsts"` // oldest first
}

// JournalInsights is the journal-wide view.
type JournalInsights struct {
	Range       Range          `json:"range"`
	AsOf        time.Time      `json:"as_of"`
	People      int            `json:"people"`   // people with an evening in the range
	Evenings    int            `json:"evenings"` // reflections in the range
	Growing     []PersonTrend  `json:"growing"`
	Drifting    []PersonTrend  `json:"drifting"`
	Months      []MonthMoments `json:"months"`
	Balance     Balance        `json:"balance"`
	HeatMap     []DayCount     `json:"heat_map"`
	Year        YearSummary    `json:"year"`
	Suggestions []Suggestion   `json:"suggestions"`
	// PutAside are the suggestions put aside that still hold, every person's.
	PutAside []Suggestion `json:"put_aside,omitempty"`

	Kinds []journal.MomentKind `json:"-"`
}
