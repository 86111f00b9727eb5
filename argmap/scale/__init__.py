"""Builds past one machine: the Ray engine (an extra: ``pip install 'argmap[ray]'``)."""
