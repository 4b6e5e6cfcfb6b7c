"""shsv: records, checks, papers and timelines for council shared-services programmes."""

__version__ = "0.1.0"
