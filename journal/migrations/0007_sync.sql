-- Sync through a folder (docs/sync.md). Triggers note which things changed
-- (an evening with its encounters, moments and asked questions; a person; a
-- moment kind; a setting; a dismissed suggestion) so that a round sends only
-- those. While the engine applies another computer's changes it puts a row in
-- sync_applying, and the triggers stay quiet: what arrived is not sent back.
-- Numbered 0007: 0006 is photos', built beside it. The triggers test for
-- the row rather than INSERT OR IGNORE: an outer upsert's conflict rule
-- would override the trigger's.

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

-- Everything already in the journal is new to the folder.
INSERT INTO sync_changes SELECT 'reflection', id FROM reflections;
INSERT INTO sync_changes SELECT 'person', id FROM people;
INSERT INTO sync_changes SELECT 'kind', id FROM moment_kinds;
INSERT INTO sync_changes SELECT 'setting', key FROM settings;
INSERT INTO sync_changes SELECT 'dismissed', key FROM dismissed_suggestions;

CREATE TRIGGER sync_reflections_insert AFTER INSERT ON reflections WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.id); END;
CREATE TRIGGER sync_reflections_update AFTER UPDATE ON reflections WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.id); END;
CREATE TRIGGER sync_reflections_delete AFTER DELETE ON reflections WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', OLD.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = OLD.id); END;
CREATE TRIGGER sync_encounters_insert AFTER INSERT ON encounters WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.reflection_id); END;
CREATE TRIGGER sync_encounters_update AFTER UPDATE ON encounters WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.reflection_id); END;
CREATE TRIGGER sync_encounters_delete AFTER DELETE ON encounters WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', OLD.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = OLD.reflection_id); END;
CREATE TRIGGER sync_moments_insert AFTER INSERT ON moments WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.reflection_id); END;
CREATE TRIGGER sync_moments_update AFTER UPDATE ON moments WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.reflection_id); END;
CREATE TRIGGER sync_moments_delete AFTER DELETE ON moments WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', OLD.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = OLD.reflection_id); END;
CREATE TRIGGER sync_asked_questions_insert AFTER INSERT ON asked_questions WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.reflection_id); END;
CREATE TRIGGER sync_asked_questions_update AFTER UPDATE ON asked_questions WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.reflection_id); END;
CREATE TRIGGER sync_asked_questions_delete AFTER DELETE ON asked_questions WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', OLD.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = OLD.reflection_id); END;
CREATE TRIGGER sync_people_insert AFTER INSERT ON people WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'person', NEW.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'person' AND id = NEW.id); END;
CREATE TRIGGER sync_people_update AFTER UPDATE ON people WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'person', NEW.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'person' AND id = NEW.id); END;
CREATE TRIGGER sync_people_delete AFTER DELETE ON people WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'person', OLD.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'person' AND id = OLD.id); END;
CREATE TRIGGER sync_moment_kinds_insert AFTER INSERT ON moment_kinds WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'kind', NEW.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'kind' AND id = NEW.id); END;
CREATE TRIGGER sync_moment_kinds_update AFTER UPDATE ON moment_kinds WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'kind', NEW.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'kind' AND id = NEW.id); END;
CREATE TRIGGER sync_moment_kinds_delete AFTER DELETE ON moment_kinds WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'kind', OLD.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'kind' AND id = OLD.id); END;
CREATE TRIGGER sync_settings_insert AFTER INSERT ON settings WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'setting', NEW.key WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'setting' AND id = NEW.key); END;
CREATE TRIGGER sync_settings_update AFTER UPDATE ON settings WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'setting', NEW.key WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'setting' AND id = NEW.key); END;
CREATE TRIGGER sync_settings_delete AFTER DELETE ON settings WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'setting', OLD.key WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'setting' AND id = OLD.key); END;
CREATE TRIGGER sync_dismissed_suggestions_insert AFTER INSERT ON dismissed_suggestions WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'dismissed', NEW.key WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'dismissed' AND id = NEW.key); END;
CREATE TRIGGER sync_dismissed_suggestions_update AFTER UPDATE ON dismissed_suggestions WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'dismissed', NEW.key WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'dismissed' AND id = NEW.key); END;
CREATE TRIGGER sync_dismissed_suggestions_delete AFTER DELETE ON dismissed_suggestions WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'dismissed', OLD.key WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'dismissed' AND id = OLD.key); END;
