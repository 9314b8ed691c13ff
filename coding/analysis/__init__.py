"""Pure analysis core (no Django): network metrics and typology classifications, docs/domain.md"""
