"""The layer readers, one module each; importing this package registers them all (the
registry is in ``sources.py``). A new reader is a module here that calls
``register_reader`` — nothing else needs to know it."""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
