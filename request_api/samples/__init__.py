"""Sample applications for development: a deterministic, fictional ledger (seed-sample)."""
