"""How a study's variables travel in files: columns, JSON values, REFI-QDA types (pure: no Django).

Every file format (JSON dump, CSV/XLSX tables, GraphML/GEXF, .qdpx) writes a variable under its
machine name; where that name is already a column or attribute of the file (an actor variable
called ``degree`` beside the metric ``degree``), the variable's column is ``var_<name>``, so no
fixed column is ever shadowed and the variables sheet says which column holds which variable.

REFI-QDA (the .qdpx standard) knows the types Text, Boolean, Integer, Float, Date and DateTime,
and no categorical type: a categorical variable goes out as Text, and its categories (with the
label and unit, which REFI-QDA has no place for either) as the last lines of the variable's
``<Description>`` — readable in MAXQDA, NVivo or ATLAS.ti, and read back by our import — after
the kind of record it describes (so a variable without values comes back where it was):

    Describes: actor
    Label: Member of the cluster association
    Categories: ["member", "non-member"]
    Unit: employees

Other programs name variables as people write them ("Age group", "Alter (Jahre)", "2nd wave");
our names must be syntactic (R, the QCA package, file columns), so an import converts such a name
(``syntactic_name``) and keeps the original as the label. Accented letters lose their accent
(Unicode NFKD: "é" -> "e", "ä" -> "a", the spelling R's ``iconv(..., "ASCII//TRANSLIT")`` gives
outside a German locale), the few letters Unicode does not decompose are spelt out ("ß" -> "ss",
"æ" -> "ae", "ø" -> "o"), any other character that is no ASCII letter or digit separates words
with one underscore, a name starting with a digit gets ``v_`` in front ("2nd wave" ->
``v_2nd_wave``), and a name that keeps no character at all becomes ``variable``. Written here with
the standard library: the transliteration libraries (Unidecode, text-unidecode) would be a new,
GPL-licensed dependency for the dozen letters NFKD leaves whole.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from coding.variables import values as pure

# Our type -> REFI-QDA typeOfVariable; categorical goes out as Text with its categories described.
REFI_TYPE = {
    pure.CATEGORICAL: "Text",
    pure.NUMERIC: "Float",
    pure.BOOLEAN: "Boolean",
    pure.DATE: "Date",
    pure.TEXT: "Text",
}
# REFI-QDA typeOfVariable -> ours (a Text variable with described categories is categorical).
FROM_REFI_TYPE = {
    "Text": pure.TEXT,
    "Boolean": pure.BOOLEAN,
    "Integer": pure.NUMERIC,
    "Float": pure.NUMERIC,
    "Date": pure.DATE,
    "DateTime": pure.DATE,
}
TARGET_LINE = "Describes: "
LABEL_LINE = "Label: "
CATEGORIES_LINE = "Categories: "
UNIT_LINE = "Unit: "
VARIABLE_PREFIX = "var_"
NUMBER_PREFIX = "v_"  # before a converted name that would start with a digit
FALLBACK_NAME = "variable"  # a converted name that kept no character
MAX_NAME = 63  # as pure.NAME_PATTERN
# Letters without a Unicode decomposition into base letter + accent, spelt out in ASCII.
SPELT_OUT = str.maketrans(
    {"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
     "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i"}
)  # fmt: skip


@dataclass(frozen=True)
class Definition:
    """A variable's definition as files carry it (no database id)."""

    target: str
    name: str
    label: str
    type: str
    categories: tuple[str, ...] = ()
    description: str = ""
    unit: str = ""


def column_names(taken: Collection[str], names: Iterable[str]) -> dict[str, str]:
    """``{variable name: column}``: the name itself, or ``var_<name>`` (then ``var_<name>_2``, ...)
    where the file already has a column of that name."""
    used = set(taken)
    columns: dict[str, str] = {}
    for name in names:
        column = name
        if column in used:
            column = f"{VARIABLE_PREFIX}{name}"
            suffix = 2
            while column in used:
                column = f"{VARIABLE_PREFIX}{name}_{suffix}"
                suffix += 1
        used.add(column)
        columns[name] = column
    return columns


def syntactic_name(text: str, taken: Collection[str] = ()) -> str:
    """A syntactic name for ``text`` (see the module's docstring) that is none of ``taken``:
    "Age group" -> ``Age_group``, "Alter (Jahre)" -> ``Alter_Jahre``, "Größe" -> ``Grosse``,
    then ``Age_group_2``, ... where the name is taken."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(SPELT_OUT)).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9]+", "_", ascii_text).strip("_") or FALLBACK_NAME
    if not name[0].isalpha():
        name = f"{NUMBER_PREFIX}{name}"
    return unique_name(name[:MAX_NAME].rstrip("_"), taken)


def unique_name(name: str, taken: Collection[str]) -> str:
    """``name``, or ``name_2``, ``name_3``, ... (shortened to stay a valid name) where it is taken."""
    candidate, number = name, 2
    while candidate in taken:
        suffix = f"_{number}"
        candidate = name[: MAX_NAME - len(suffix)].rstrip("_") + suffix
        number += 1
    return candidate


def json_value(value: pure.Value) -> str | float | bool:
    """A typed value as JSON holds it: numbers and booleans as such, dates as ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def table_value(value: pure.Value | None) -> str | int | float | bool | dt.date | None:
    """A typed value for a statistics table: whole numbers as integers (so the CSV writes "3" as
    ``format_value`` does, and a spreadsheet keeps a number), everything else as it is."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def refi_text(value: pure.Value) -> str:
    """A value as a REFI-QDA value element holds it: xsd:boolean, xsd:decimal (never "1e-07"),
    xsd:date, or the text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(decimal.Decimal(repr(value)), "f")
    return pure.format_value(value)


def categories_text(categories: Iterable[str]) -> str:
    return " | ".join(categories)


def refi_description(definition: Definition) -> str:
    """The ``<Description>`` of a variable in a .qdpx: its description, then label, categories, unit."""
    lines = [definition.description.rstrip()] if definition.description.strip() else []
    lines.append(f"{TARGET_LINE}{definition.target}")
    lines.append(f"{LABEL_LINE}{definition.label}")
    if definition.type == pure.CATEGORICAL:
        lines.append(f"{CATEGORIES_LINE}{json.dumps(list(definition.categories), ensure_ascii=False)}")
    if definition.unit:
        lines.append(f"{UNIT_LINE}{definition.unit}")
    return "\n".join(lines)


def read_refi_description(text: str) -> Definition:
    """A variable's ``<Description>`` read back: target, label, categories and unit from the trailing
    lines ``refi_description`` writes (empty where absent; ``type`` categorical when categories are
    given, else empty), the rest as the description. A description written by another program
    stays whole; a "Categories:" line that is no JSON list of texts stays part of it.
    """
    lines = text.rstrip().split("\n") if text.strip() else []
    target, label, unit = "", "", ""
    categories: list[str] | None = None
    while lines:
        line = lines[-1].strip()
        if line.startswith(TARGET_LINE) and not target:
            target = line.removeprefix(TARGET_LINE).strip()
        elif line.startswith(LABEL_LINE) and not label:
            label = line.removeprefix(LABEL_LINE).strip()
        elif line.startswith(UNIT_LINE) and not unit:
            unit = line.removeprefix(UNIT_LINE).strip()
        elif line.startswith(CATEGORIES_LINE) and categories is None:
            try:
                parsed = json.loads(line.removeprefix(CATEGORIES_LINE))
            except ValueError:
                break
            if not isinstance(parsed, list) or not all(isinstance(item, str) for item in parsed):
                break
            categories = parsed
        else:
            break
        lines.pop()
    kind = pure.CATEGORICAL if categories is not None else ""
    return Definition(target, "", label, kind, tuple(categories or ()), "\n".join(lines).strip(), unit)
