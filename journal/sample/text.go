package sample

import "kindred/journal"

// The sample journal's words: ours, varied, with non-Latin names and emoji so
// that every screen and the PDF meet them early.

var firstNames = []string{
	"Zoë", "Søren", "Amélie", "José", "Aoife", "Nguyễn", "Αθηνά", "Дмитрий", "美咲", "Łukasz",
	"Maya", "Noah", "Lena", "Omar", "Priya", "Tomás", "Ines", "Kwame", "Hana", "Ravi",
	"Clara", "Felix", "Yusuf", "Sofia", "Mateo", "Ingrid", "Chidi", "Elif", "Jonas", "Leila",
	"Ana", "Björn", "Chloé", "Dario", "Emeka", "Freya", "Gustav", "Ilse", "Jun", "Kasia",
	"Liam", "Marta", "Nils", "Olga", "Pablo", "Rosa", "Sami", "Tariq", "Una", "Vera",
}

var lastNames = []string{
	"Okafor", "Lindqvist", "Moreau", "García", "Byrne", "Văn An", "Παπαδοπούλου", "Иванов", "佐藤", "Wójcik",
	"Cohen", "Fischer", "Haddad", "Iyer", "Jensen", "Kowalski", "Larsen", "Mendes", "Nakamura", "Osei",
	"Petrov", "Quinn", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Yilmaz", "Zimmermann",
	"Abadi", "Brennan", "Costa", "Duarte", "Eriksen", "Ferreira", "Gallo", "Horvath", "Ito", "Jovanović",
}

var openers = []string{
	"Dinner with %s.",
	"Long walk with %s after work.",
	"%s came over for tea.",
	"Coffee with %s that turned into three hours.",
	"Phone call with %s, late.",
	"Drinks with %s at the usual place.",
	"Helped %s move boxes, then stayed for pizza.",
	"Quiet evening with %s.",
	"Ran into %s at the market and we kept talking.",
	"Cooked for %s tonight.",
}

var momentLines = map[string][]string{
	journal.KindDeepTalk:      {"I asked what they were proud of this year and they really answered.", "We ended up talking about their father.", "They told me what scares them about the new job.", "Asked about their childhood summers; a long story came out."},
	journal.KindSharedBack:    {"I told them about my own year of doubt.", "I shared the story about the night train, which I rarely tell.", "I admitted I had felt the same way."},
	journal.KindListened:      {"I mostly listened and didn't try to solve anything.", "Let them finish, even the long silences.", "Nodded a lot, said little, and it felt right."},
	journal.KindCameUpForAir:  {"Between the heavy parts we kept making fun of the menu.", "We switched to silly stuff when it got heavy, then back again."},
	journal.KindLaughed:       {"We laughed until the waiter checked on us.", "Cried laughing about the goat story.", "So much laughing 😂"},
	journal.KindInsideJoke:    {"The 'tiny umbrella' joke is now officially ours.", "Brought back the joke about the lost left shoe.", "We have a new code word for bad meetings."},
	journal.KindUsVsWorld:     {"We agreed the whole office is mad and we are the only sane two.", "Us against the rainy city again."},
	journal.KindLabeledBond:   {"I said out loud that this friendship matters a lot to me. They said the same.", "They told me I'm one of their people. I told them the feeling is mutual."},
	journal.KindAdventure:     {"We tried the climbing wall and I was terrified.", "Took a random night bus to the end of the line.", "Swam in the lake in October 🥶"},
	journal.KindPerfectDay:    {"Market, museum, a long lunch, the park, and dinner: a whole day.", "From breakfast to the last train, across half the city."},
	journal.KindTriedToFix:    {"I jumped to advice too fast.", "I argued with how they felt instead of hearing it."},
	journal.KindOneUpped:      {"I turned their story into one about me. Noticed it too late."},
	journal.KindMindReading:   {"I said I knew how they felt before they had finished."},
	journal.KindForcedMeToo:   {"I forced a 'me too' that didn't really fit."},
	journal.KindStayedTooDeep: {"We stayed in the heavy talk all night; we both looked tired."},
	journal.KindJudged:        {"My face showed judgement when they mentioned the loan."},
	"cooked-together":         {"We made dumplings from scratch, badly and happily."},
	"board-games":             {"Three rounds of the tile game; I lost all of them."},
	"checked-phone":           {"I checked my phone while they were talking. Not great."},
}

var momentNotes = map[string][]string{
	journal.KindDeepTalk:    {"their brother", "the move abroad", "what home means", "regrets, gently"},
	journal.KindSharedBack:  {"my year in Lisbon", "the failed exam", "my grandmother"},
	journal.KindLaughed:     {"the goat story", "the tiny umbrella", "karaoke 🎤"},
	journal.KindInsideJoke:  {"tiny umbrella", "left shoe", "the Duke"},
	journal.KindLabeledBond: {"said it first", "they said it first", "in the car, on the way back"},
	journal.KindAdventure:   {"climbing wall", "night bus", "cold lake", "kayak"},
	journal.KindPerfectDay:  {"Saturday in the old town", "the coast trip"},
	journal.KindTriedToFix:  {"advice about the landlord"},
}

var musings = []string{
	"Walking home I kept thinking about how easy it was tonight. Some evenings the words just come.",
	"I want to remember to ask about the exam next time. They mentioned it twice.",
	"It struck me how long we have known each other, and how little we used to say.",
	"The café was loud but we found the corner table. Small things.",
	"Тихий вечер, хороший разговор. I should practise my Russian more with them.",
	"We talked about 家族 and what it means to be far from it.",
	"Ήταν μια όμορφη βραδιά. The sunset was ridiculous.",
	"Note to self: less advice, more questions.",
	"They looked tired but lit up when we talked about the trip.",
	"I left feeling lighter than when I came ✨",
}

var emoji = []string{"❤️", "😊", "🌙", "☕", "🎉", "🙏", "🌧️", "🍜"}
