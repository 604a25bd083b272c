#!/usr/bin/env python
from wegweiser.cli import main

if __name__ == "__main__":
    main()
