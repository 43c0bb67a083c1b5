"""Writing text back: edits, the render and loss guards, the canonical layout writer."""
