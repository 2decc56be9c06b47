"""Shared fixtures, and the one hypothesis settings profile of the suite.

The profile is ``dev`` (modest example counts, so the suite runs in well under a minute)
unless ``HYPOTHESIS_PROFILE`` names another, or ``CI`` is ``"true"`` (then ``ci``, with
more examples). Tests that need the editors' source texts get the ``shared`` folder from
``MENA_TIP_SHARED``, or from a ``shared/sources`` folder beside one of the folders above
this one; without it they are skipped, except on CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

import sample

if TYPE_CHECKING:
    from mena_tip._dataset import Dataset

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

settings.register_profile(
    "dev",
    max_examples=20,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", settings.get_profile("dev"), max_examples=100)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") == "true" else "dev")
)

ON_CI = os.environ.get("CI") == "true"


def find_shared() -> Path | None:
    """The shared folder (holding ``sources/``), or None when there is none to be found."""
    configured = os.environ.get("MENA_TIP_SHARED")
    if configured:
        return Path(configured)
    for folder in Path(__file__).resolve().parents:
        if (folder / "shared" / "sources").is_dir():
            return folder / "shared"
    return None


@pytest.fixture(scope="session")
def shared() -> Path:
    """The folder of the editors' source texts and reference facts (see the module docs)."""
    found = find_shared()
    configured = os.environ.get("MENA_TIP_SHARED")
    if found is not None and (found / "sources").is_dir():
        return found
    if configured:
        pytest.fail(f"MENA_TIP_SHARED={configured!r} has no sources/ folder")
    reason = (
        "the source texts were not found: set MENA_TIP_SHARED to the shared folder "
        f"(the one holding sources/), or put it beside a folder above {Path(__file__).parent}"
    )
    if ON_CI:
        pytest.fail(f"{reason} (on CI the sources are required)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def data_folder() -> Traversable:
    """The installed bundle's folder, as importlib.resources finds it."""
    return resources.files("mena_tip") / "data"


@pytest.fixture(scope="session")
def bundled() -> Dataset:
    """The bundled data release (the default dataset)."""
    import mena_tip

    return mena_tip.dataset()


@pytest.fixture(scope="session")
def sample_dataset() -> Dataset:
    """The hand-written sample dataset of :mod:`sample`."""
    return sample.dataset()


@pytest.fixture
def sample_bundle(tmp_path: Path) -> Path:
    """The sample dataset written as a bundle into a fresh folder."""
    return sample.write(tmp_path / "bundle")


@pytest.fixture
def fresh_default() -> Iterator[None]:
    """Forget the loaded default dataset for one test, and restore it afterwards."""
    from mena_tip import _api

    saved = _api._default
    _api._default = None
    try:
        yield
    finally:
        _api._default = saved
