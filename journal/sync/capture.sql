-- Made when a journal starts syncing (Engine.start) and dropped when it
-- stops (Engine.Forget). Triggers note which things changed (an evening with
-- its encounters, moments and asked questions; a person; a moment kind; a
-- setting; a dismissed suggestion) so that a round sends only those. While
-- the engine applies another computer's changes it puts a row in
-- sync_applying, and the triggers stay quiet: what arrived is not sent back.
-- The triggers test for the row rather than INSERT OR IGNORE: an outer
-- upsert's conflict rule would override the trigger's.

-- Everything already in the journal is new to the folder.
INSERT OR IGNORE INTO sync_changes SELECT 'reflection', id FROM reflections;
INSERT OR IGNORE INTO sync_changes SELECT 'person', id FROM people;
INSERT OR IGNORE INTO sync_changes SELECT 'kind', id FROM moment_kinds;
INSERT OR IGNORE INTO sync_changes SELECT 'setting', key FROM settings;
INSERT OR IGNORE INTO sync_changes SELECT 'dismissed', key FROM dismissed_suggestions;

CREATE TRIGGER IF NOT EXISTS sync_reflections_insert AFTER INSERT ON reflections WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.id); END;
CREATE TRIGGER IF NOT EXISTS sync_reflections_update AFTER UPDATE ON reflections WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.id); END;
CREATE TRIGGER IF NOT EXISTS sync_reflections_delete AFTER DELETE ON reflections WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', OLD.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = OLD.id); END;
CREATE TRIGGER IF NOT EXISTS sync_encounters_insert AFTER INSERT ON encounters WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.reflection_id); END;
CREATE TRIGGER IF NOT EXISTS sync_encounters_update AFTER UPDATE ON encounters WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.reflection_id); END;
CREATE TRIGGER IF NOT EXISTS sync_encounters_delete AFTER DELETE ON encounters WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', OLD.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = OLD.reflection_id); END;
CREATE TRIGGER IF NOT EXISTS sync_moments_insert AFTER INSERT ON moments WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.reflection_id); END;
CREATE TRIGGER IF NOT EXISTS sync_moments_update AFTER UPDATE ON moments WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.reflection_id); END;
CREATE TRIGGER IF NOT EXISTS sync_moments_delete AFTER DELETE ON moments WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', OLD.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = OLD.reflection_id); END;
CREATE TRIGGER IF NOT EXISTS sync_asked_questions_insert AFTER INSERT ON asked_questions WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.reflection_id); END;
CREATE TRIGGER IF NOT EXISTS sync_asked_questions_update AFTER UPDATE ON asked_questions WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', NEW.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = NEW.reflection_id); END;
CREATE TRIGGER IF NOT EXISTS sync_asked_questions_delete AFTER DELETE ON asked_questions WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'reflection', OLD.reflection_id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'reflection' AND id = OLD.reflection_id); END;
CREATE TRIGGER IF NOT EXISTS sync_people_insert AFTER INSERT ON people WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'person', NEW.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'person' AND id = NEW.id); END;
CREATE TRIGGER IF NOT EXISTS sync_people_update AFTER UPDATE ON people WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'person', NEW.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'person' AND id = NEW.id); END;
CREATE TRIGGER IF NOT EXISTS sync_people_delete AFTER DELETE ON people WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'person', OLD.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'person' AND id = OLD.id); END;
CREATE TRIGGER IF NOT EXISTS sync_moment_kinds_insert AFTER INSERT ON moment_kinds WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'kind', NEW.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'kind' AND id = NEW.id); END;
CREATE TRIGGER IF NOT EXISTS sync_moment_kinds_update AFTER UPDATE ON moment_kinds WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'kind', NEW.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'kind' AND id = NEW.id); END;
CREATE TRIGGER IF NOT EXISTS sync_moment_kinds_delete AFTER DELETE ON moment_kinds WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'kind', OLD.id WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'kind' AND id = OLD.id); END;
CREATE TRIGGER IF NOT EXISTS sync_settings_insert AFTER INSERT ON settings WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'setting', NEW.key WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'setting' AND id = NEW.key); END;
CREATE TRIGGER IF NOT EXISTS sync_settings_update AFTER UPDATE ON settings WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'setting', NEW.key WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'setting' AND id = NEW.key); END;
CREATE TRIGGER IF NOT EXISTS sync_settings_delete AFTER DELETE ON settings WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'setting', OLD.key WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'setting' AND id = OLD.key); END;
CREATE TRIGGER IF NOT EXISTS sync_dismissed_suggestions_insert AFTER INSERT ON dismissed_suggestions WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'dismissed', NEW.key WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'dismissed' AND id = NEW.key); END;
CREATE TRIGGER IF NOT EXISTS sync_dismissed_suggestions_update AFTER UPDATE ON dismissed_suggestions WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'dismissed', NEW.key WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'dismissed' AND id = NEW.key); END;
CREATE TRIGGER IF NOT EXISTS sync_dismissed_suggestions_delete AFTER DELETE ON dismissed_suggestions WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_changes (kind, id) SELECT 'dismissed', OLD.key WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE kind = 'dismissed' AND id = OLD.key); END;
