"""The version of ntmlib."""
__version__ = "0.1.0"
