"""sitroom: a sourced situation picture from conflict news coverage."""

__version__ = "0.1.0"
