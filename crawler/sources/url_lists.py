"""The ``url_lists`` kind: text files of article URLs found by hand, one per line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from scrapy import Request

from common.errors import ConfigError
from crawler.sources.base import Crawl, Source, register, strings

__all__ = ["UrlList", "read_url_list"]


@register
@dataclass(frozen=True)
class UrlList(Source):
    """A URL list file; it is read when the crawl starts, not when the campaign is."""

    key: ClassVar[str] = "url_lists"
    path: Path

    @classmethod
    def from_campaign(cls, value: object, where: str, folder: Path) -> tuple[Source, ...]:
        return tuple(cls(folder / name) for name in strings(value, where))

    def check(self) -> None:
        read_url_list(self.path)

    def start_requests(self, crawl: Crawl) -> Iterator[Request]:
        for url in read_url_list(self.path):
            yield from crawl.source_article(url, "url list")


def read_url_list(path: Path) -> list[str]:
    """URLs one per line, ``#`` starting a comment.

    Raises:
        ConfigError: naming the file, and the line of anything that is not a URL.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read URL list ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: URL list is not UTF-8 text") from exc
    urls = []
    for number, line in enumerate(lines, start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if not re.match(r"https?://\S+$", line):
            raise ConfigError(f"{path}:{number}: not an http(s) URL: {line!r}")
        urls.append(line)
    return urls
