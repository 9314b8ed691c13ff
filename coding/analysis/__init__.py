"""Pure analysis core (no Django): network metrics and typology classifications, DOMAIN.md §2."""
