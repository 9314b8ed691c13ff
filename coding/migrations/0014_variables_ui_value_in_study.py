"""PostgreSQL: a variable value's record is in its variable's study and of its variable's kind.

A value of a region variable names a region (not an actor) of the variable's study, and so on for
waves, actors and interviews. ``coding.variables.services`` checks the same before writing; this
constraint trigger holds for every write path (imports, the shell, raw SQL). A second trigger
keeps a variable that has values from moving to another study or kind of record.
"""

from __future__ import annotations

from django.db import migrations

from cases.db_constraints import run_on_postgresql

TRIGGER = """
CREATE FUNCTION variable_value_check_record() RETURNS trigger AS $$
DECLARE
    variable_study bigint;
    variable_target varchar;
    record_study bigint;
    record_target varchar;
BEGIN
    SELECT study_id, target INTO variable_study, variable_target FROM coding_variable WHERE id = NEW.variable_id;
    IF NEW.region_id IS NOT NULL THEN
        record_target := 'region';
        SELECT study_id INTO record_study FROM cases_region WHERE id = NEW.region_id;
    ELSIF NEW.wave_id IS NOT NULL THEN
        record_target := 'wave';
        SELECT r.study_id INTO record_study FROM cases_wave t JOIN cases_region r ON r.id = t.region_id
            WHERE t.id = NEW.wave_id;
    ELSIF NEW.actor_id IS NOT NULL THEN
        record_target := 'actor';
        SELECT r.study_id INTO record_study FROM cases_actor t JOIN cases_region r ON r.id = t.region_id
            WHERE t.id = NEW.actor_id;
    ELSIF NEW.interview_id IS NOT NULL THEN
        record_target := 'interview';
        SELECT r.study_id INTO record_study FROM cases_interview t JOIN cases_region r ON r.id = t.region_id
            WHERE t.id = NEW.interview_id;
    ELSE
        RETURN NULL;  -- the check constraint variable_value_one_record refuses this row
    END IF;
    IF record_target IS DISTINCT FROM variable_target THEN
        RAISE EXCEPTION 'variable value % names a % but variable % describes %s',
            NEW.id, record_target, NEW.variable_id, variable_target
            USING ERRCODE = 'check_violation', CONSTRAINT = 'variable_value_record_in_study';
    END IF;
    IF record_study IS DISTINCT FROM variable_study THEN
        RAISE EXCEPTION 'variable value % names a % outside the study % of variable %',
            NEW.id, record_target, variable_study, NEW.variable_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'variable_value_record_in_study';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER variable_value_record_in_study
    AFTER INSERT OR UPDATE OF variable_id, region_id, wave_id, actor_id, interview_id ON coding_variablevalue
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION variable_value_check_record();

CREATE FUNCTION variable_check_values_stay() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM coding_variablevalue WHERE variable_id = NEW.id) THEN
        RAISE EXCEPTION 'variable % has values: it cannot move to another study or kind of record', NEW.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'variable_value_record_in_study';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER variable_values_stay
    AFTER UPDATE OF study_id, target ON coding_variable
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW WHEN (OLD.study_id IS DISTINCT FROM NEW.study_id OR OLD.target IS DISTINCT FROM NEW.target)
    EXECUTE FUNCTION variable_check_values_stay();
"""

DROP_TRIGGER = """
DROP TRIGGER IF EXISTS variable_values_stay ON coding_variable;
DROP FUNCTION IF EXISTS variable_check_values_stay();
DROP TRIGGER IF EXISTS variable_value_record_in_study ON coding_variablevalue;
DROP FUNCTION IF EXISTS variable_value_check_record();
"""


def forwards(apps, schema_editor) -> None:
    run_on_postgresql(schema_editor, [TRIGGER])


def backwards(apps, schema_editor) -> None:
    run_on_postgresql(schema_editor, [DROP_TRIGGER])


class Migration(migrations.Migration):
    dependencies = [("coding", "0013_variables")]
    operations = [migrations.RunPython(forwards, backwards)]
