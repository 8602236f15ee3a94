package fynelocale_test

import (
	"testing"

	"kindred/fynelocale"
)

func TestOverride(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want bool // LANGUAGE=en is set
	}{
		{"nothing set", nil, false},
		{"LANG=C", map[string]string{"LANG": "C"}, false},
		{"LANG=POSIX", map[string]string{"LANG": "POSIX"}, false},
		{"LANG=C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, true},
		{"LANG=C.utf8", map[string]string{"LANG": "C.utf8"}, true},
		{"LANG=POSIX.UTF-8", map[string]string{"LANG": "POSIX.UTF-8"}, true},
		{"LC_ALL=C.UTF-8 wins over LANG", map[string]string{"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, true},
		{"LC_ALL=fr wins over LANG=C.UTF-8", map[string]string{"LC_ALL": "fr_FR.UTF-8", "LANG": "C.UTF-8"}, false},
		{"LC_MESSAGES=C.UTF-8", map[string]string{"LC_MESSAGES": "C.UTF-8", "LANG": "de_DE.UTF-8"}, true},
		{"a real language", map[string]string{"LANG": "de_DE.UTF-8"}, false},
		{"LANGUAGE is the user's choice", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "fr"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name, value, ok := fynelocale.Override(func(k string) string { return c.env[k] })
			if ok != c.want || (ok && (name != "LANGUAGE" || value != "en")) {
				t.Errorf("got %s=%q (%v), want set: %v", name, value, ok, c.want)
			}
		})
	}
}
