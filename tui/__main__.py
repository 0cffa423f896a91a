"""`python -m tui` runs the centrelog command."""

from tui.cli import main

raise SystemExit(main())
