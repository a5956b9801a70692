"""One module per format of the review, each holding its renderer.

``html`` (Jinja2), ``json``, ``pdf`` (the HTML printed by WeasyPrint), ``docx``
(python-docx) and ``xlsx`` (openpyxl). Which formats exist, and in what order they are
written, is said once, by :data:`review.render.RENDERERS`.
"""
