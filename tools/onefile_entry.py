"""Entry point of the one-file program (`make dist`): PyInstaller runs this file as a script,
so it imports the package absolutely (reportgen/__main__.py imports relatively)."""

from reportgen.cli import main

if __name__ == "__main__":
    main()
