"""`python -m drillcards` runs the `drill` command line."""

from drillcards.cli import main

main()
