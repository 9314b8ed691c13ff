"""Full-text search over transcripts (coding/search): a GIN index on PostgreSQL, nothing on SQLite.

Why a stored generated column ``search_vector`` that Django does not know of: the vector must be
stored, not only indexed, because phrase queries (``"trade fair"``) need word positions, which a
GIN index does not keep: PostgreSQL then re-checks each candidate row against its vector, and
with only an expression index it would re-parse every candidate transcript (4 s instead of
0.1 s for a phrase over 500 interviews, benchmarks/search.py). A generated column is computed by
the database on every write path (pages, API, imports, consent withdrawal, restores) with no
hook in the code, and it stays out of the model, so out of ``cases`` (which must not know about
search), out of the interview's history table and out of every export. Two functions make it:

- ``cluster_search_config(language)`` maps the interview's language code to a text-search
  configuration (``de``/``deu``/``german`` → german, ``en`` → english, ``sv`` → swedish, any
  region suffix such as ``de-AT`` ignored, everything else → simple). IMMUTABLE, so usable in a
  generated column.
- ``cluster_transcript_vector(language, transcript)`` is ``to_tsvector`` in that configuration.
  A tsvector is limited to 1 MB; a transcript whose vector would pass that (several MB of
  varied text; the app allows 10 MB) must still save, so then only its first 100,000 characters
  are indexed instead of the write failing. PARALLEL RESTRICTED: its exception block is a
  subtransaction, which parallel workers cannot start.

A search ANDs ``cluster_search_config(language) = 'german'`` with ``search_vector @@
websearch_to_tsquery('german', q)`` and ORs that over the four configurations
(coding/search/selectors.py): a BitmapOr of four scans of the GIN index. On SQLite the search
falls back to LIKE and a word-prefix match in Python (documented there): this migration does
nothing.
"""

from django.db import migrations

from cases.db_constraints import run_on_postgresql

CREATE = [
    """
    CREATE FUNCTION cluster_search_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT CASE split_part(replace(lower(coalesce(language, '')), '_', '-'), '-', 1)
        WHEN 'de' THEN 'pg_catalog.german'::regconfig
        WHEN 'deu' THEN 'pg_catalog.german'::regconfig
        WHEN 'ger' THEN 'pg_catalog.german'::regconfig
        WHEN 'german' THEN 'pg_catalog.german'::regconfig
        WHEN 'deutsch' THEN 'pg_catalog.german'::regconfig
        WHEN 'en' THEN 'pg_catalog.english'::regconfig
        WHEN 'eng' THEN 'pg_catalog.english'::regconfig
        WHEN 'english' THEN 'pg_catalog.english'::regconfig
        WHEN 'sv' THEN 'pg_catalog.swedish'::regconfig
        WHEN 'swe' THEN 'pg_catalog.swedish'::regconfig
        WHEN 'swedish' THEN 'pg_catalog.swedish'::regconfig
        WHEN 'svenska' THEN 'pg_catalog.swedish'::regconfig
        ELSE 'pg_catalog.simple'::regconfig
      END
    $$
    """,
    """
    CREATE FUNCTION cluster_transcript_vector(language text, transcript text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL RESTRICTED AS $$
    BEGIN
      RETURN pg_catalog.to_tsvector(public.cluster_search_config(language), transcript);
    EXCEPTION WHEN program_limit_exceeded THEN
      RETURN pg_catalog.to_tsvector(public.cluster_search_config(language), left(transcript, 100000));
    END
    $$
    """,
    """
    ALTER TABLE cases_interview ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (public.cluster_transcript_vector(language, transcript)) STORED
    """,
    # Transcript search (coding/search/selectors.py matching_interviews).
    "CREATE INDEX interview_search_vector_idx ON cases_interview USING gin (search_vector)",
]

DROP = [
    "DROP INDEX IF EXISTS interview_search_vector_idx",
    "ALTER TABLE cases_interview DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS cluster_transcript_vector(text, text)",
    "DROP FUNCTION IF EXISTS cluster_search_config(text)",
]


def create(apps, schema_editor):
    run_on_postgresql(schema_editor, CREATE)


def drop(apps, schema_editor):
    run_on_postgresql(schema_editor, DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_study_coders_add_codes"),
        ("coding", "0008_code_suggests_mode"),
    ]

    operations = [migrations.RunPython(create, drop)]
