"""Runs this module's Python tests for Maven and ends with a line CI can count.

unittest prints "Ran N tests" and "OK"/"FAILED"; the closing "unittest: N passed, N failed" is
the plain form that CI reads in any language.
"""

import pathlib
import sys
import unittest


def main() -> int:
    try:
        import numpy  # noqa: F401 - the stand-ins and Triton's own tensors are numpy arrays
    except ImportError:
        print(f"triton-models: numpy is missing for {sys.executable}: "
              "apt-get install python3-numpy (scripts/test does this)", file=sys.stderr)
        return 1
    here = pathlib.Path(__file__).resolve().parent
    suite = unittest.defaultTestLoader.discover(str(here), top_level_dir=str(here))
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    summary = f"unittest: {result.testsRun - failed - skipped} passed, {failed} failed"
    print(summary + (f", {skipped} skipped" if skipped else ""))
    return 0 if result.wasSuccessful() and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
