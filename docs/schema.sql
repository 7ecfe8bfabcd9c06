-- vnbrief's corpus database (OUT/vnbrief.sqlite): every fact of every document of a run.
-- Derived from the documents' JSON files; `vnbrief db OUT` rebuilds it from them.
-- Offsets (start, end) are character offsets into the document's text, as in the JSON.
-- Deleting a document deletes its rows in every other table (ON DELETE CASCADE).

PRAGMA user_version = 1;

CREATE TABLE documents (
    id               TEXT PRIMARY KEY,  -- output id: the input path without extension
    source           TEXT NOT NULL,     -- input path relative to the input folder
    sha256           TEXT NOT NULL,     -- of the input bytes
    pipeline_version TEXT NOT NULL,
    format           TEXT NOT NULL,     -- text, markdown, html, docx, pdf
    encoding         TEXT NOT NULL,
    title            TEXT NOT NULL,     -- the briefing's English title
    report_date      TEXT,              -- ISO date of the report (its first dated mention), or NULL
    province         TEXT,              -- the first province or city named, Vietnamese
    province_en      TEXT,              -- the same in English ("Quang Tri")
    sentences        INTEGER NOT NULL,
    summary          TEXT NOT NULL      -- the English summary
);
CREATE INDEX documents_date ON documents(report_date);
CREATE INDEX documents_province ON documents(province);

CREATE TABLE sentences (
    document_id        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence           INTEGER NOT NULL,  -- index in the document, from 0
    paragraph          INTEGER NOT NULL,
    start              INTEGER NOT NULL,
    "end"              INTEGER NOT NULL,
    text               TEXT NOT NULL,
    label              TEXT,              -- attendance, achievement, directive, other; NULL unclassified
    confidence         REAL,
    english            TEXT,
    translation_method TEXT,
    PRIMARY KEY (document_id, sentence)
);
CREATE INDEX sentences_label ON sentences(label);

CREATE TABLE people (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence    INTEGER NOT NULL,
    name        TEXT NOT NULL,     -- as written ("Lê Minh Hoàng")
    plain_name  TEXT NOT NULL,     -- without diacritics ("Le Minh Hoang"), the English form
    name_key    TEXT NOT NULL,     -- lower case, no diacritics: one key for every spelling
    titles      TEXT NOT NULL,     -- "; "-separated, as written
    rank        TEXT,
    role        TEXT,              -- chair, attendee, speaker
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    FOREIGN KEY (document_id, sentence) REFERENCES sentences(document_id, sentence)
);
CREATE INDEX people_key ON people(name_key);
CREATE INDEX people_document ON people(document_id);

CREATE TABLE figures (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence    INTEGER NOT NULL,
    value       REAL NOT NULL,
    range_to    REAL,              -- the upper end of a range ("từ 10 đến 15")
    text        TEXT NOT NULL,     -- as written ("1.170 người dân")
    unit        TEXT,              -- the counted noun as written ("người dân", "đồng", "%")
    unit_en     TEXT,              -- the termbase's English for it, when it has one
    qualifier   TEXT,              -- approximately, nearly, more_than, less_than, at_least
    label       TEXT,              -- the label of its sentence
    report_date TEXT,              -- the document's report_date, repeated for one-table queries
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    FOREIGN KEY (document_id, sentence) REFERENCES sentences(document_id, sentence)
);
CREATE INDEX figures_unit ON figures(unit);
CREATE INDEX figures_document ON figures(document_id);

CREATE TABLE dates (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    day         INTEGER,
    month       INTEGER,
    year        INTEGER,
    part_of_day TEXT,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL
);
CREATE INDEX dates_document ON dates(document_id);

CREATE TABLE organisations (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    english     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL
);
CREATE INDEX organisations_name ON organisations(name);

CREATE TABLE places (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    english     TEXT NOT NULL,
    kind        TEXT NOT NULL,     -- province, city, region, country
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL
);
CREATE INDEX places_name ON places(name);

-- Which JSON file each document's rows were read from (size and modification time): a
-- re-run re-reads only the files that changed. Bookkeeping, not data.
CREATE TABLE loaded (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    json_size   INTEGER NOT NULL,
    json_mtime  INTEGER NOT NULL   -- nanoseconds since the epoch
);
