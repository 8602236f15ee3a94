-- Since 0003 the insights read encounters alone; these two indexes of 0002
-- are no longer read by any query, and every save (and a sealed journal's
-- every re-seal) paid for them in bytes written.
DROP INDEX IF EXISTS moments_person;
DROP INDEX IF EXISTS reflections_offset;
