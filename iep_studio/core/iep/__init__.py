"""The IEP itself, without storage: its words, the completeness check, the steps of the
team's review, frozen snapshots of a plan and the comparison of two of them."""
