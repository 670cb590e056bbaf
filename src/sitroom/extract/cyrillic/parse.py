"""natasha over Russian and Ukrainian text: sentences of tokens (morphology, syntax) and NER spans,
with offsets into the body; pymorphy3's analysers, loaded once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitroom.model import Article
from sitroom.pipeline import stage

# natasha's NER was trained on Russian news, and its word vectors know Russian spellings. Ukrainian
# names and the words around them mostly differ from their Russian cognates by letters that have a
# one-letter Russian counterpart (Київ / Киев, Міністерство / Министерство, області / области), so
# the NER reads a Ukrainian line respelt letter for letter, which keeps every offset. Only the NER:
# morphology, syntax and the text of every span come from the line as written.
UK_SPELLING = str.maketrans("іїєґІЇЄҐ’'", "ииегИИЕГъъ")


@dataclass(frozen=True)
class Models:
    segmenter: object
    ner: object
    morph: object
    syntax: object
    vocab: object


@lru_cache(maxsize=1)
def models() -> Models:
    """natasha's packaged models, loaded once per process."""
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    return Models(Segmenter(), NewsNERTagger(emb), NewsMorphTagger(emb), NewsSyntaxParser(emb), MorphVocab())


@lru_cache(maxsize=2)
def analyzer(language: str):
    """pymorphy3's analyser with its ``ru`` or ``uk`` dictionary."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


@dataclass(frozen=True)
class Token:
    i: int
    text: str
    start: int
    end: int
    pos: str
    rel: str
    head: int          # index of the head token in the document, -1 for a root
    lemma: str


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class NerSpan:
    start: int
    end: int
    label: str
    text: str
    normal: str


@dataclass(frozen=True)
class Parsed:
    """What natasha found in a body: sentences of tokens (with morphology and syntax) and NER spans."""

    sentences: tuple[Sentence, ...]
    spans: tuple[NerSpan, ...]

    def sentence_at(self, offset: int) -> Sentence | None:
        return next((s for s in self.sentences if s.start <= offset < s.end), None)


def parse(text: str, language: str = "ru") -> Parsed:
    """natasha over each line of ``text`` (a line break always ends a sentence: headlines and captions
    have no full stop), with offsets into ``text``; Ukrainian is respelt for the NER (:data:`UK_SPELLING`)."""
    from natasha import Doc

    m = models()
    sentences: list[Sentence] = []
    spans: list[NerSpan] = []
    base = 0
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        doc = Doc(line.group())
        doc.segment(m.segmenter)
        doc.tag_morph(m.morph)
        doc.parse_syntax(m.syntax)
        doc.tag_ner(m.ner if language != "uk" else lambda text: m.ner(text.translate(UK_SPELLING)))
        offset = line.start()
        index = {t.id: base + n for n, t in enumerate(doc.tokens)}
        base += len(doc.tokens)
        for sent in doc.sents:
            tokens = []
            for t in sent.tokens:
                t.lemmatize(m.vocab)
                tokens.append(Token(index[t.id], t.text, offset + t.start, offset + t.stop, t.pos or "", t.rel or "",
                                    index.get(t.head_id, -1), (t.lemma or t.text).lower()))
            sentences.append(Sentence(tokens[0].start, tokens[-1].end, tuple(tokens)))
        for s in doc.spans:
            s.normalize(m.vocab)
            spans.append(NerSpan(offset + s.start, offset + s.stop, s.type, s.text, s.normal or s.text))
    return Parsed(tuple(sentences), tuple(spans))


@stage(requires=["body"], assigns=["parsed"], name="parse")
def cyrillic_parse(article: Article) -> Article:
    """Sentences, morphology, syntax and named entities of a Russian or Ukrainian body (natasha)."""
    article.parsed = parse(article.body or "", article.language or "ru")
    return article
