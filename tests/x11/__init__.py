"""Tests on a real X server (Xvfb + openbox): the real till as a child process."""
