"""``python -m mena_tip``: the same as the ``mena-tip`` command."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
