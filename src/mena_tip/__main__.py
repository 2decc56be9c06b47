"""``python -m mena_tip``: the same as the ``mena-tip`` command."""

from .cli import main

raise SystemExit(main())
