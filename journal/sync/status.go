package sync

import (
	"context"
	"time"
)

// Status is what the window and `kindred sync --status` show.
type Status struct {
	SetUp      bool
	Folder     string
	This       Computer
	LastSynced time.Time // this computer's clock
	Computers  []Computer
	Conflicts  int    // evenings edited on two computers, waiting for the user
	Pending    int    // things changed here not yet sent
	Problem    string // the last round's warning, if any
}

// Computer is one computer that writes to the folder.
type Computer struct {
	ID      string
	Name    string
	Counter uint64 // its last file this journal took (for this computer: wrote)
	Wall    string // its clock when it wrote that file, shown only
	Problem string
}

// Status reads the sync state without touching the folder.
func (e *Engine) Status(ctx context.Context) (*Status, error) {
	db := e.s.ReadDB()
	st, err := loadState(ctx, db)
	if err != nil || st == nil {
		return &Status{}, err
	}
	out := &Status{SetUp: true, Folder: st.Folder, LastSynced: st.Synced, Problem: st.Problem,
		This: Computer{ID: st.Device, Name: st.Name, Counter: st.Published}}
	peers, err := loadPeers(ctx, db)
	if err != nil {
		return nil, err
	}
	for _, d := range sortedPeerIDs(peers) {
		p := peers[d]
		out.Computers = append(out.Computers, Computer{ID: d, Name: p.name, Counter: p.applied, Wall: p.wall, Problem: p.problem})
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sync_conflicts WHERE kind = 'reflection'").Scan(&out.Conflicts); err != nil {
		return nil, err
	}
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM sync_changes").Scan(&out.Pending)
	return out, err
}

func sortedPeerIDs(m map[string]*peer) []string {
	out := make([]string, 0, len(m))
	for d := range m {
		out = append(out, d)
	}
	sortStrings(out)
	return out
}
