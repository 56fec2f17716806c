"""Reading the web politely and safely: the fetcher behind URL and feed intake.

- ``urlkey``: one key per address (fragment, tracking parameters and a trailing slash dropped), so an article
  met again through another link is known;
- ``policy``: what one run allows (timeouts, size, redirects, retries, the pause per host, private addresses);
- ``addresses``: only http(s), only public addresses unless allowed — checked on every connection, at the
  address actually dialled;
- ``body``: a response body read within the size cap, decompressed by us in bounded steps (gzip bombs end early);
- ``robots``: robots.txt (protego), fetched once per site and run;
- ``throttle``: one request at a time per host, with a pause between them;
- ``fetcher``: the whole of it — redirects re-checked hop by hop, conditional GET, retries with back-off.

Importing this package imports nothing heavy: ``fetcher`` brings httpx when it is used.
"""
