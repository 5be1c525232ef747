"""Scorers that measure framing components against public gold-standard data.

The gold data is not shipped; every scorer takes the path to it.
"""
