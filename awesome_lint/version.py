"""The package version, in a leaf module: the services and formats that print it (a paper
lookup's User-Agent, SARIF's tool version) import it without importing the public API."""

__version__ = "0.1.0"
