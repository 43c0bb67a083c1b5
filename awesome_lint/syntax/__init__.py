"""Text to typed tree: block structure, inline scanner, entries, badges, tags, slugs, dialect."""
