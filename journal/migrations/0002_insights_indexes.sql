-- Insights read every evening of a person, or of the whole journal, at once.
-- These indexes hold all they read, so the read is a walk along an index
-- instead of a seek into a table per encounter, moment and reflection.
CREATE INDEX encounters_person ON encounters (person_id, at_utc, reflection_id, closeness);
CREATE INDEX moments_person ON moments (person_id, reflection_id, kind);
CREATE INDEX reflections_offset ON reflections (id, at_off);
