"""Link checking engine."""
