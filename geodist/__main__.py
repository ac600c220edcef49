"""``python -m geodist``: the same as the ``geodist`` command."""

import sys

from geodist.cli import main

sys.exit(main())
