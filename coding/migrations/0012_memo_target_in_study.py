"""PostgreSQL: a memo's target (code, actor, interview, region or wave) belongs to the memo's study.

A code belongs to it when it is in the study's coding scheme. Model validation says the same for
SQLite; this constraint trigger holds for every write path (imports, the shell, raw SQL).
"""

from __future__ import annotations

from django.db import migrations

from cases.db_constraints import run_on_postgresql

TRIGGER = """
CREATE FUNCTION memo_check_target_in_study() RETURNS trigger AS $$
DECLARE
    target_study bigint;
BEGIN
    IF NEW.code_id IS NOT NULL THEN
        SELECT s.id INTO target_study FROM cases_study s JOIN coding_code c ON c.scheme_id = s.coding_scheme_id
            WHERE s.id = NEW.study_id AND c.id = NEW.code_id;
    ELSIF NEW.actor_id IS NOT NULL THEN
        SELECT r.study_id INTO target_study FROM cases_actor t JOIN cases_region r ON r.id = t.region_id
            WHERE t.id = NEW.actor_id;
    ELSIF NEW.interview_id IS NOT NULL THEN
        SELECT r.study_id INTO target_study FROM cases_interview t JOIN cases_region r ON r.id = t.region_id
            WHERE t.id = NEW.interview_id;
    ELSIF NEW.wave_id IS NOT NULL THEN
        SELECT r.study_id INTO target_study FROM cases_wave t JOIN cases_region r ON r.id = t.region_id
            WHERE t.id = NEW.wave_id;
    ELSIF NEW.region_id IS NOT NULL THEN
        SELECT study_id INTO target_study FROM cases_region WHERE id = NEW.region_id;
    ELSE
        RETURN NULL;
    END IF;
    IF target_study IS DISTINCT FROM NEW.study_id THEN
        RAISE EXCEPTION 'memo % is written on a record outside its study %', NEW.id, NEW.study_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'memo_target_in_study';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER memo_target_in_study
    AFTER INSERT OR UPDATE OF study_id, code_id, actor_id, interview_id, region_id, wave_id ON coding_memo
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION memo_check_target_in_study();
"""

DROP_TRIGGER = """
DROP TRIGGER IF EXISTS memo_target_in_study ON coding_memo;
DROP FUNCTION IF EXISTS memo_check_target_in_study();
"""


def forwards(apps, schema_editor) -> None:
    run_on_postgresql(schema_editor, [TRIGGER])


def backwards(apps, schema_editor) -> None:
    run_on_postgresql(schema_editor, [DROP_TRIGGER])


class Migration(migrations.Migration):
    dependencies = [("coding", "0011_memo")]
    operations = [migrations.RunPython(forwards, backwards)]
