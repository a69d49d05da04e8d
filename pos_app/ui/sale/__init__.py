"""The sale: panel, its messages, today's sales report and their wiring."""
