"""IEP Studio: student files and individualised education plans for resource teachers."""

__version__ = "0.1.0"
