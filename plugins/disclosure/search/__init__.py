"""Site search: a sharded character n-gram index of what a Release publishes, and a reference query over it."""
