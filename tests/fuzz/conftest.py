"""The fuzz targets are scripts run in a subprocess: pytest (with --doctest-modules) must not
import them, since importing one imports atheris and instruments framing's modules."""

collect_ignore = ["fuzz_ingest.py", "fuzz_text.py"]
