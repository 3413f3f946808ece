"""The IEP itself, without storage: its words, the completeness check, frozen snapshots
of a plan and the comparison of two of them."""
