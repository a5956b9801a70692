"""The desk: the office reviews and curates its coverage in the browser.

``rassegna serve --desk`` adds it to the archive (:mod:`rassegna.archive`): the same
store, the same manual corrections as ``rassegna correct``, logged with who and when.
:mod:`rassegna.desk.accounts` keeps the accounts (``rassegna users add``),
:mod:`rassegna.desk.views` the pages.
"""
