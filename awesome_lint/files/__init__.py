"""Reading and writing files: limits, discovery, inputs, atomic writes, git diff scope."""
