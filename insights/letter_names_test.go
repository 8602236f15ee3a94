package insights

import "testing"

func TestKeepFriendsUnnamed(t *testing.T) {
	others := []string{"Ben Carter", "王芳", "Дмитрий Соколов", "Ana Lopez", "May"}
	for _, c := range []struct{ name, in, want string }{
		{"full and first names", "Ben Carter laughed; then Ben left.", "A friend laughed; then a friend left."},
		{"possessive", "It was Ben's idea.", "It was a friend's idea."},
		{"whole words only", "Benjamin and Bent stayed.", "Benjamin and Bent stayed."},
		{"scripts without spaces", "和王芳一起", "和a friend一起"},
		{"Cyrillic first name", "Дмитрий пел.", "A friend пел."},
		{"a run of names", "Ben, 王芳 and Дмитрий came over.", "Friends came over."},
		{"a pair mid-sentence", "I met Ben and May there.", "I met friends there."},
		{"a run before the recipient", "Ben, May, Дмитрий and Ana came over.", "Friends and Ana came over."},
		{"a run after the recipient", "Ana, Ben and May came over.", "Ana and friends came over."},
		{"one after the recipient", "Ana and Ben came over.", "Ana and a friend came over."},
		{"an Oxford comma", "Ben, May, and 王芳 came.", "Friends came."},
		{"the recipient's own first name stays", "Ana and Ben", "Ana and a friend"},
		{"the recipient stays", "Ana Lima smiled.", "Ana Lima smiled."},
		{"nothing to do", "Just us.", "Just us."},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := keepFriendsUnnamed(c.in, others, "Ana Lima"); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	if got := keepFriendsUnnamed("May was warm.", nil, "Ana"); got != "May was warm." {
		t.Errorf("with no one else there nothing changes: got %q", got)
	}
}
