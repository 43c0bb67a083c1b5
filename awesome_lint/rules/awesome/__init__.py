"""AWE: the awesome-list family (sindresorhus/awesome conventions)."""
