"""Configuration: settings, credentials (keyring or environment) and translations."""
