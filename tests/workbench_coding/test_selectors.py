"""Code tree order and sub-code lookups (no database needed: unsaved codes with ids)."""

from __future__ import annotations

from coding.models import Code
from coding.workbench.selectors import code_tree, descendant_ids


def codes() -> list[Code]:
    proximity = Code(pk=1, name="Proximity")
    low = Code(pk=2, name="Low-threshold contacts", parent_id=1)
    cafe = Code(pk=3, name="Cafés", parent_id=2)
    trust = Code(pk=4, name="Trust")
    return [trust, cafe, low, proximity]


def test_the_tree_lists_parents_before_children_with_depth_and_ancestors():
    tree = [(node.code.name, node.depth, node.ancestor_ids) for node in code_tree(codes())]
    assert tree == [
        ("Trust", 0, ()),
        ("Proximity", 0, ()),
        ("Low-threshold contacts", 1, (1,)),
        ("Cafés", 2, (1, 2)),
    ]


def test_sub_codes_are_found_at_every_depth():
    assert descendant_ids(codes(), 1) == {1, 2, 3}
    assert descendant_ids(codes(), 4) == {4}
