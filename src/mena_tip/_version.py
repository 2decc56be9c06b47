# The package version is the data version plus a patch number: "2026.12.0" ships the
# data release "2026.12"; "2026.12.1" fixes code or data errors without a new release,
# so `mena-tip~=2026.12.0` pins the data and still takes fixes.
__version__ = "2026.12.0"
DATA_VERSION = "2026.12"
