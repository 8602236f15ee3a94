-- Each encounter keeps, beside the time it already copies from its
-- reflection, the offset that time was written in and the ids of its moment
-- kinds joined by commas (kind ids have none). Insights read thousands of
-- encounters at once: with these, and an index holding them, that read is
-- one walk along one index instead of a join per reflection and per moment.
ALTER TABLE encounters ADD COLUMN at_off INTEGER NOT NULL DEFAULT 0;
ALTER TABLE encounters ADD COLUMN kinds TEXT NOT NULL DEFAULT '';

UPDATE encounters SET
    at_off = (SELECT r.at_off FROM reflections r WHERE r.id = encounters.reflection_id),
    kinds = ifnull((SELECT group_concat(kind, ',') FROM
        (SELECT m.kind FROM moments m
         WHERE m.reflection_id = encounters.reflection_id AND m.person_id = encounters.person_id
         ORDER BY m.position)), '');

DROP INDEX encounters_person;
CREATE INDEX encounters_person ON encounters (person_id, at_utc, reflection_id, closeness, at_off, kinds);
