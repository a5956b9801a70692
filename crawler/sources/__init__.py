"""Discovery, one module per source kind: feeds, sitemaps, listings, site search.

Each module is a set of pure functions over a response or a body that return the
URLs to fetch next; the spider (:mod:`crawler.spiders`) turns them into requests.
"""
