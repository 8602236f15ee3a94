-- Photos of an evening. The bytes live outside the database, in the pack
-- files of journal/photostore beside the journal (docs/photos.md); these rows
-- say which photo belongs to which evening and where its bytes are. A photo
-- added in the composer is pending (reflection_id '') until the evening that
-- lists it is saved; pending photos older than 30 days are dropped at open.
CREATE TABLE photos (
    id            TEXT PRIMARY KEY,
    reflection_id TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    caption       TEXT NOT NULL DEFAULT '',
    format        TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    width         INTEGER NOT NULL DEFAULT 0,
    height        INTEGER NOT NULL DEFAULT 0,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    keep_metadata INTEGER NOT NULL DEFAULT 0,
    print         INTEGER NOT NULL DEFAULT 1,
    added_utc     TEXT NOT NULL
);
-- An evening's photos in order, for many evenings at once (timeline rows).
CREATE INDEX photos_reflection ON photos (reflection_id, position);
-- Where each copy of a photo is: the original byte-exact, the display copy
-- and the thumbnail. Blobs go with their photo.
CREATE TABLE photo_blobs (
    photo_id TEXT NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('original', 'display', 'thumb')),
    pack     INTEGER NOT NULL,
    offset   INTEGER NOT NULL,
    length   INTEGER NOT NULL,
    sha256   TEXT NOT NULL,
    PRIMARY KEY (photo_id, kind)
) WITHOUT ROWID;
-- The key a sealed journal's photo frames are sealed under: random, kept
-- here so that it is sealed with every other row. A plain journal has none.
CREATE TABLE photo_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    key BLOB NOT NULL
);
