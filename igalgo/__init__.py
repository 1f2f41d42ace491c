"""igalgo: a content-strategy advisor for Instagram.

The library API lives in :mod:`igalgo.service`; this module stays light so that
``igalgo --version`` starts fast.
"""

__version__ = "0.1.0"
