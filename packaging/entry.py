"""PyInstaller entry point: the same start-up as `python -m pos_app`."""

import multiprocessing
import sys

from pos_app.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the camera decoder runs in a child process
    sys.exit(main())
