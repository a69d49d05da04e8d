"""Start-up: command line, connection choice, the Qt+asyncio loop, logging, smoke test."""
