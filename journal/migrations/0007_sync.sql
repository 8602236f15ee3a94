-- Sync through a folder (docs/sync.md): the tables. The triggers that note
-- what changed are made when a journal starts syncing (journal/sync,
-- capture.sql), not here: a trigger costs every insert even when it does
-- nothing, and most journals never sync (an import took 2.3 times as long).

CREATE TABLE sync_changes (
    kind TEXT NOT NULL,
    id   TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;

CREATE TABLE sync_applying (one INTEGER PRIMARY KEY CHECK (one = 1));

-- The version of everything this journal has sent or taken: a version vector
-- (JSON object, device id -> counter), a Lamport stamp (lamport, device) that
-- orders concurrent versions the same way on every computer, and for a
-- deleted thing its last state, so an edit that raced the delete can bring
-- it back.
CREATE TABLE sync_versions (
    kind    TEXT NOT NULL,
    id      TEXT NOT NULL,
    vv      TEXT NOT NULL,
    lamport INTEGER NOT NULL,
    device  TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    body    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;

-- Versions that lost to a concurrent one: kept until the user chooses.
CREATE TABLE sync_conflicts (
    seq         INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    device      TEXT NOT NULL,
    lamport     INTEGER NOT NULL,
    vv          TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    body        TEXT NOT NULL DEFAULT '',
    written_utc TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, entity_id, device, lamport)
);
CREATE INDEX sync_conflicts_entity ON sync_conflicts (kind, entity_id);

-- This computer's own sync state (folder, device id, counters): it belongs
-- to the journal, not the machine, and is never sent.
CREATE TABLE sync_local (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- What this journal has taken from each other computer.
CREATE TABLE sync_devices (
    device    TEXT PRIMARY KEY,
    name      TEXT NOT NULL DEFAULT '',
    applied   INTEGER NOT NULL DEFAULT 0,
    newest    INTEGER NOT NULL DEFAULT 0,
    wall_utc  TEXT NOT NULL DEFAULT '',
    problem   TEXT NOT NULL DEFAULT ''
);
