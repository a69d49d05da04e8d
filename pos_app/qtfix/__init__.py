"""Work-arounds for the Qt/PySide6 runtime, installed before the till builds a widget."""
