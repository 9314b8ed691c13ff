"""Colouring a network picture by a categorical actor attribute (issue 16).

The *Colour by* select offers, beside actor type and community, every categorical actor attribute
the partitions offer: the fixed ones (location, size band, ...) and the study's categorical and
yes/no actor variables. A category's colour is its position in the attribute's defined order
(``coding.analysis.palette.variable_colours``), so it is the same in every region and on every page.
"""
