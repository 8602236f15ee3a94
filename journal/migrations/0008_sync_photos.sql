-- Photos in sync (docs/sync.md, Photos): where each photo's bytes are in the
-- sync folder, the computer whose folder holds its file and the file's random
-- name. A photo is written there once, by the first computer that sent it;
-- later files and snapshots refer to it. Its own migration: 0007 shipped
-- without it.
CREATE TABLE sync_blobs (
    photo_id TEXT PRIMARY KEY,
    device   TEXT NOT NULL,
    name     TEXT NOT NULL,
    sha256   TEXT NOT NULL
) WITHOUT ROWID;
