"""Course units and the goal bank: file schema, loading with readable problems, search."""
