package insights

import (
	"os/user"
	"strings"
)

// AccountName is the report's author by default: the account's full name,
// or its login when it has none.
func AccountName() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	if name := strings.TrimSpace(strings.SplitN(u.Name, ",", 2)[0]); name != "" {
		return name
	}
	return u.Username
}
