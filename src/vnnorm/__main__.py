"""`python -m vnnorm`: the same command as `vnnorm`."""

from vnnorm.cli import main

raise SystemExit(main())
