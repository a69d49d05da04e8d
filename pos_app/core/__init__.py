"""The pure core: API models, redemption arithmetic, URL rules. No Qt, no I/O."""
