"""Central Asia Deal Tracker engine: articles in, reviewed deals out.

Pure Python (no streamlit import) so the same engine serves the app, the command line and the tests.
"""

__version__ = "0.1.0"
