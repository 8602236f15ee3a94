-- The first journal schema. Times are kept twice: a sortable UTC form
-- ("2006-01-02T15:04:05.000Z") for ordering and ranges, and the offset in
-- seconds the user wrote them in, so an evening in Kathmandu stays 21:00 +05:45.

CREATE TABLE people (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_fold   TEXT NOT NULL UNIQUE,
    color       TEXT NOT NULL DEFAULT '',
    archived    INTEGER NOT NULL DEFAULT 0,
    created_utc TEXT NOT NULL,
    created_off INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE moment_kinds (
    id          TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    color       TEXT NOT NULL,
    misstep     INTEGER NOT NULL DEFAULT 0,
    created_utc TEXT NOT NULL
);

-- seq is an explicit integer key: the full-text index refers to it, and an
-- implicit rowid could be renumbered by VACUUM.
CREATE TABLE reflections (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    at_utc      TEXT NOT NULL,
    at_off      INTEGER NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    created_utc TEXT NOT NULL,
    updated_utc TEXT NOT NULL
);
CREATE INDEX reflections_at ON reflections (at_utc, id);

CREATE TABLE encounters (
    reflection_id TEXT NOT NULL REFERENCES reflections (id) ON DELETE CASCADE,
    person_id     TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    closeness     INTEGER CHECK (closeness BETWEEN 1 AND 7),
    at_utc        TEXT NOT NULL, -- copy of the reflection's, for the timeline index
    position      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (reflection_id, person_id)
) WITHOUT ROWID;
CREATE INDEX encounters_timeline ON encounters (person_id, at_utc, reflection_id);

CREATE TABLE moments (
    id            TEXT PRIMARY KEY,
    reflection_id TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY (reflection_id, person_id)
        REFERENCES encounters (reflection_id, person_id) ON DELETE CASCADE
);
CREATE INDEX moments_encounter ON moments (reflection_id, person_id);
CREATE INDEX moments_kind ON moments (kind);

-- What the composer holds before it is saved; body is the composer's own JSON.
CREATE TABLE drafts (
    id            TEXT PRIMARY KEY,
    reflection_id TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL,
    updated_utc   TEXT NOT NULL
);

CREATE TABLE dismissed_suggestions (
    key         TEXT PRIMARY KEY,
    dismissed_utc TEXT NOT NULL
);

-- Small settings that belong to the journal rather than the machine (a sealed
-- journal must not leak them into Fyne's preferences).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- FTS4 ships in the default go-sqlite3 build; FTS5 would need a build tag.
-- docid is reflections.seq.
CREATE VIRTUAL TABLE reflection_search USING fts4 (
    text, notes, names,
    tokenize=unicode61 "remove_diacritics=2"
);
