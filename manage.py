#!/usr/bin/env python3
import sys

from vstb.cli import main

if __name__ == "__main__":
    main(sys.argv[1:])
