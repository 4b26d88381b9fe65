"""``python -m reflow`` runs the command line."""

from reflow.cli import main

main()
