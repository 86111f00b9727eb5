import sys

from argmap.cli import main

sys.exit(main())
