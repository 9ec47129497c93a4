"""The optional compiled piece (vnnorm/_speedups.c). Everything else is in
pyproject.toml. `optional=True`: without a C compiler the install still
succeeds, and vnnorm runs its pure-Python twin (vnnorm/tokenscan.py)."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("vnnorm._speedups", ["src/vnnorm/_speedups.c"], optional=True)])
