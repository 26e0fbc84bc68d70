"""`python -m gostep ...`: see gostep.cli."""
import sys

from gostep.cli import main

sys.exit(main())
