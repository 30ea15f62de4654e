"""`python -m tui` behaves exactly like the `summit` command."""

import sys

from tui.cli import main

sys.exit(main())
