"""The customer-facing display: a second window for the screen that faces the customer."""
