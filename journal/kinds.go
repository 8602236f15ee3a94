package journal

// Technique groups moment kinds by what they say about an evening; insights use
// it to weigh depth against lightness.
type Technique string

const (
	TechniqueDepth     Technique = "depth"
	TechniqueLightness Technique = "lightness"
	TechniqueBond      Technique = "bond"
	TechniqueTime      Technique = "time"
	TechniqueMisstep   Technique = "misstep"
	TechniqueCustom    Technique = "custom"
)

// MomentKind is a kind of thing that can happen in an encounter. Built-in ids
// are stable: they are stored in journals, exports and scripts.
type MomentKind struct {
	ID        string
	Label     string
	Hint      string // one line that explains the kind, in our words
	Color     string // #rrggbb
	Misstep   bool
	Builtin   bool
	Technique Technique
}

// Built-in moment kind ids.
const (
	KindDeepTalk      = "deep-talk"
	KindSharedBack    = "shared-back"
	KindListened      = "listened"
	KindCameUpForAir  = "came-up-for-air"
	KindLaughed       = "laughed"
	KindInsideJoke    = "inside-joke"
	KindUsVsWorld     = "us-vs-world"
	KindLabeledBond   = "labeled-bond"
	KindAdventure     = "adventure"
	KindPerfectDay    = "perfect-day"
	KindTriedToFix    = "tried-to-fix"
	KindOneUpped      = "one-upped"
	KindMindReading   = "mind-reading"
	KindForcedMeToo   = "forced-me-too"
	KindStayedTooDeep = "stayed-too-deep"
	KindJudged        = "judged"
)

// BuiltinKinds lists the built-in kinds in display order: connection moments
// first, then missteps.
var BuiltinKinds = []MomentKind{
	{ID: KindDeepTalk, Label: "Went deep", Hint: "A personal question asked as if it were ordinary, and they opened up", Color: "#5b6ee1", Technique: TechniqueDepth},
	{ID: KindSharedBack, Label: "I opened up too", Hint: "You answered with a story of your own", Color: "#7b5fd6", Technique: TechniqueDepth},
	{ID: KindListened, Label: "Listened, didn't fix", Hint: "You heard them out without judging or correcting", Color: "#3f8fc9", Technique: TechniqueDepth},
	{ID: KindCameUpForAir, Label: "Came up for air", Hint: "Serious talk took turns with lighter moments", Color: "#3fb6a8", Technique: TechniqueLightness},
	{ID: KindLaughed, Label: "Laughed together", Hint: "Real shared laughter", Color: "#f2b134", Technique: TechniqueLightness},
	{ID: KindInsideJoke, Label: "Inside joke", Hint: "Humour only the two of you get", Color: "#e8863a", Technique: TechniqueLightness},
	{ID: KindUsVsWorld, Label: "Us vs the world", Hint: "You looked at the world from your shared side", Color: "#d9534f", Technique: TechniqueBond},
	{ID: KindLabeledBond, Label: "Named the bond", Hint: "Someone said out loud the connection is special, and it was returned", Color: "#c2417c", Technique: TechniqueBond},
	{ID: KindAdventure, Label: "Adventure", Hint: "Something new, exciting or a little risky, together", Color: "#4caf50", Technique: TechniqueTime},
	{ID: KindPerfectDay, Label: "A whole day together", Hint: "Hours together across several places and experiences", Color: "#8bc34a", Technique: TechniqueTime},
	{ID: KindTriedToFix, Label: "Tried to fix it", Hint: "Reached for a solution, or argued with a feeling", Color: "#8d6e63", Misstep: true, Technique: TechniqueMisstep},
	{ID: KindOneUpped, Label: "Made it about me", Hint: "Their openness became a stage for my own story", Color: "#9e9d24", Misstep: true, Technique: TechniqueMisstep},
	{ID: KindMindReading, Label: "\"I know how you feel\"", Hint: "Claimed to understand before I had listened", Color: "#78909c", Misstep: true, Technique: TechniqueMisstep},
	{ID: KindForcedMeToo, Label: "Forced a \"me too\"", Hint: "Stretched for a matching story that wasn't there", Color: "#c8a27c", Misstep: true, Technique: TechniqueMisstep},
	{ID: KindStayedTooDeep, Label: "Stayed deep too long", Hint: "The heavy talk never let up", Color: "#4e7d6b", Misstep: true, Technique: TechniqueMisstep},
	{ID: KindJudged, Label: "Judged", Hint: "Let judgement show when they shared something", Color: "#b07aa1", Misstep: true, Technique: TechniqueMisstep},
}

func init() {
	for i := range BuiltinKinds {
		BuiltinKinds[i].Builtin = true
	}
}

// BuiltinKind returns the built-in kind with id, if there is one.
func BuiltinKind(id string) (MomentKind, bool) {
	for _, k := range BuiltinKinds {
		if k.ID == id {
			return k, true
		}
	}
	return MomentKind{}, false
}

// DeepKinds and LightKinds are the two sides of the depth/lightness balance.
var (
	DeepKinds  = []string{KindDeepTalk, KindSharedBack, KindListened}
	LightKinds = []string{KindLaughed, KindInsideJoke, KindCameUpForAir}
)
