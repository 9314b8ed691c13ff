"""Pages of the coding workbench and the analysis, one module per area."""
