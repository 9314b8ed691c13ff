"""PostgreSQL: both ends (and the wave) of a tie in the tie's region, a code's parent in its
scheme, and every coding inside its transcript with the quote it claims.

The two offset triggers are constraint triggers, DEFERRABLE INITIALLY IMMEDIATE: the
re-anchoring service defers them (SET CONSTRAINTS ... DEFERRED) while it rewrites a transcript
and its codings in one transaction; every other write is checked at once.
"""

from __future__ import annotations

from django.db import migrations

from cases.db_constraints import CompositeForeignKey, run_on_postgresql

KEYS = [
    CompositeForeignKey(
        "interaction_source_in_region",
        "coding_interaction",
        ("region_id", "source_id"),
        "cases_actor",
        ("region_id", "id"),
    ),
    CompositeForeignKey(
        "interaction_target_in_region",
        "coding_interaction",
        ("region_id", "target_id"),
        "cases_actor",
        ("region_id", "id"),
    ),
    CompositeForeignKey(
        "interaction_wave_in_region", "coding_interaction", ("region_id", "wave_id"), "cases_wave", ("region_id", "id")
    ),
    CompositeForeignKey(
        "code_parent_in_scheme", "coding_code", ("scheme_id", "parent_id"), "coding_code", ("scheme_id", "id")
    ),
]

TRIGGERS = """
CREATE FUNCTION coding_check_inside_transcript() RETURNS trigger AS $$
DECLARE
    text_of_interview text;
BEGIN
    SELECT transcript INTO text_of_interview FROM cases_interview WHERE id = NEW.interview_id;
    IF NEW."end" > char_length(text_of_interview) THEN
        RAISE EXCEPTION 'coding % ends at %, past the transcript''s % characters',
            NEW.id, NEW."end", char_length(text_of_interview)
            USING ERRCODE = 'check_violation', CONSTRAINT = 'coding_inside_transcript';
    END IF;
    IF substr(text_of_interview, NEW.start + 1, NEW."end" - NEW.start) IS DISTINCT FROM NEW.quote THEN
        RAISE EXCEPTION 'coding % quote does not match the transcript at [%, %)', NEW.id, NEW.start, NEW."end"
            USING ERRCODE = 'check_violation', CONSTRAINT = 'coding_inside_transcript';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER coding_inside_transcript
    AFTER INSERT OR UPDATE OF start, "end", quote, interview_id ON coding_coding
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION coding_check_inside_transcript();

CREATE FUNCTION interview_check_codings_still_match() RETURNS trigger AS $$
DECLARE
    broken integer;
BEGIN
    SELECT count(*) INTO broken FROM coding_coding c
     WHERE c.interview_id = NEW.id
       AND (c."end" > char_length(NEW.transcript)
            OR substr(NEW.transcript, c.start + 1, c."end" - c.start) IS DISTINCT FROM c.quote);
    IF broken > 0 THEN
        RAISE EXCEPTION 'changing the transcript of interview % would break % coding(s); re-anchor them first',
            NEW.id, broken
            USING ERRCODE = 'check_violation', CONSTRAINT = 'interview_codings_still_match';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER interview_codings_still_match
    AFTER UPDATE OF transcript ON cases_interview
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW WHEN (OLD.transcript IS DISTINCT FROM NEW.transcript)
    EXECUTE FUNCTION interview_check_codings_still_match();
"""

DROP_TRIGGERS = """
DROP TRIGGER IF EXISTS interview_codings_still_match ON cases_interview;
DROP FUNCTION IF EXISTS interview_check_codings_still_match();
DROP TRIGGER IF EXISTS coding_inside_transcript ON coding_coding;
DROP FUNCTION IF EXISTS coding_check_inside_transcript();
"""


def forwards(apps, schema_editor) -> None:
    run_on_postgresql(schema_editor, [key.create_sql() for key in KEYS] + [TRIGGERS])


def backwards(apps, schema_editor) -> None:
    run_on_postgresql(schema_editor, [DROP_TRIGGERS] + [key.drop_sql() for key in KEYS])


class Migration(migrations.Migration):
    dependencies = [("coding", "0001_initial"), ("cases", "0003_postgres_region_constraints")]
    operations = [migrations.RunPython(forwards, backwards)]
