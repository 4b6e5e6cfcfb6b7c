from shsv.cli import main

main()
