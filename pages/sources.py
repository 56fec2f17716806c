"""Not a page: a shim for Streamlit's legacy page discovery (see ARCHITECTURE.md, "Page scripts").

A ``pages/`` folder next to ``app.py`` makes Streamlit serve the first request after a start through its
legacy page list, built from the ``.py`` files found directly in this folder. Opening ``/review``,
``/dashboard`` or ``/sources`` by URL then finds this file, which runs the app itself: ``app.py``'s ``st.navigation`` draws the
real page (``pages/views/``) with no "Page not found" notice. From then on ``st.navigation`` alone routes.
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parent.parent / "app.py"), run_name="__main__")
