"""Fuzz targets (atheris) for ingestion and the text pipeline, and the test that runs them."""
