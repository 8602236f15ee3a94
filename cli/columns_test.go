package cli

import "testing"

func TestPadRightByDisplayWidth(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int // display width of the padded text
		cols int
	}{
		{"Anna", 10, 10},
		{"王小明", 10, 10},
		{"Jürgen", 10, 10},
		{"José", 10, 10}, // é as e + combining accent
		{"😭", 10, 10},
	} {
		got := padRight(c.in, c.cols)
		if w := displayWidth(got); w != c.want {
			t.Errorf("padRight(%q, %d) = %q, %d columns; want %d", c.in, c.cols, got, w, c.want)
		}
	}
	if w := displayWidth("王小明"); w != 6 {
		t.Errorf("displayWidth(王小明) = %d, want 6", w)
	}
}
