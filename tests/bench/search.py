"""`make bench-search` helper (run by tests/bench/search.sh): builds a large generated corpus in a
throwaway database, bulk-indexes it, and measures autocomplete and search page latency over HTTP.

    python -m tests.bench.search generate --pages 20000
    python -m tests.bench.search vectors --sample 512    (with SEARCH_SEMANTIC=1)
    python -m tests.bench.search index
    python -m tests.bench.search measure --es-url http://127.0.0.1:P1 --db-url http://127.0.0.1:P2
"""

import argparse
import datetime
import json
import multiprocessing
import os
import random
import re
import resource
import socket
import statistics
import time
import urllib.parse
import uuid
from http.client import HTTPConnection

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from pages.models import ArticlePage, HelpCenterHomePage, TopicPage
from search import embeddings
from search.analysis import normalise
from tests.bench.latency import percentile, percentiles

WORDS = {
    "en": "account password reset login email board pin save share hacked secure profile "
    "notification feed ads billing invoice payment business verify privacy block report app "
    "crash update slow video image upload download delete restore follow comment message "
    "search settings language country region device browser cache error".split(),
    "es": "cuenta contraseña restablecer sesión correo tablero pin guardar compartir hackeada "
    "segura perfil notificación anuncios factura pago empresa verificar privacidad bloquear "
    "denunciar aplicación actualizar lenta vídeo imagen subir descargar eliminar seguir "
    "comentario mensaje búsqueda ajustes idioma país dispositivo navegador error".split(),
    "ru": "аккаунт пароль сброс вход почта доска пин сохранить поделиться взлом защита профиль "
    "уведомление лента реклама счёт оплата бизнес проверка конфиденциальность блокировка "
    "жалоба приложение обновление видео изображение загрузка удаление подписка комментарий "
    "сообщение поиск настройки язык страна устройство браузер ошибка".split(),
    "ar": "الحساب كلمة المرور إعادة تسجيل الدخول البريد اللوحة دبوس حفظ مشاركة اختراق حماية "
    "الملف الإشعارات الإعلانات الفاتورة الدفع الأعمال التحقق الخصوصية حظر الإبلاغ التطبيق "
    "تحديث الفيديو الصورة رفع تنزيل حذف متابعة تعليق رسالة البحث الإعدادات اللغة".split(),
    "ja": "アカウント パスワード 再設定 ログイン メール ボード ピン 保存 共有 乗っ取り 安全 "
    "プロフィール 通知 フィード 広告 請求 支払い ビジネス 認証 プライバシー ブロック 報告 "
    "アプリ 更新 動画 画像 アップロード ダウンロード 削除 フォロー コメント 検索 設定 言語".split(),
}
AUDIENCES = ["pinner", "advertiser", "both"]
# The results page says which backend answered (search/templates/search/search_results.html).
BACKEND_ATTRIBUTE = re.compile(rb'data-backend="([a-z]+)"')


def _step(number: int) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = alphabet[digit] + text
        if not number:
            return text.rjust(4, "0")


def _sentence(rng: random.Random, words: list[str], low: int, high: int, language: str) -> str:
    joiner = "" if language == "ja" else " "
    return joiner.join(rng.choice(words) for _ in range(rng.randint(low, high)))


# --- generate ------------------------------------------------------------------------
def generate(options):
    if ArticlePage.objects.exists():
        raise SystemExit("the benchmark database already has articles; use a fresh one")
    rng = random.Random(42)
    started = time.monotonic()
    root = Page.get_first_root_node()
    languages = list(WORDS)
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in languages}
    home = root.add_child(
        instance=HelpCenterHomePage(title="Help", slug="help", locale=locales["en"])
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    homes = {"en": home}
    for code in languages[1:]:
        homes[code] = home.copy_for_translation(locales[code])
        homes[code].save_revision().publish()
    topics = []
    for code in languages:
        for number in range(options["topics"]):
            topic = homes[code].add_child(
                instance=TopicPage(
                    title=_sentence(rng, WORDS[code], 1, 3, code),
                    slug=f"topic-{number}",
                    locale=locales[code],
                )
            )
            topics.append((code, topic))
    per_topic = options["pages"] // len(topics) + 1
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    created = 0
    for code, topic in topics:
        pages, extra = [], []
        for number in range(per_topic):
            if created >= options["pages"]:
                break
            created += 1
            title = _sentence(rng, WORDS[code], 3, 6, code)[:255]
            slug = f"article-{number}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    locale=locales[code],
                    translation_key=uuid.uuid4(),
                    live=True,
                    path=topic.path + _step(number + 1),
                    depth=topic.depth + 1,
                    numchild=0,
                    url_path=f"{topic.url_path}{slug}/",
                    first_published_at=now,
                    last_published_at=now,
                )
            )
            body = [
                {
                    "type": "text",
                    "value": f"<p>{_sentence(rng, WORDS[code], 30, 60, code)}</p>",
                    "id": str(uuid.uuid4()),
                }
            ]
            extra.append(
                (
                    _sentence(rng, WORDS[code], 8, 16, code)[:240],
                    rng.choice(AUDIENCES),
                    rng.random() < 0.02,
                    json.dumps(body, ensure_ascii=False),
                )
            )
        if not pages:
            continue
        reviewed = datetime.date(2026, 11, 1)
        with transaction.atomic():
            Page.objects.bulk_create(pages, batch_size=500)
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO pages_helppage (page_ptr_id, summary, audience, "
                    "last_reviewed, featured) VALUES (%s, %s, %s, %s, %s)",
                    [
                        (p.pk, summary, audience, reviewed, featured)
                        for p, (summary, audience, featured, _b) in zip(pages, extra, strict=True)
                    ],
                )
                cursor.executemany(
                    "INSERT INTO pages_articlepage (helppage_ptr_id, body) VALUES (%s, %s)",
                    [(p.pk, body) for p, (_s, _a, _f, body) in zip(pages, extra, strict=True)],
                )
            Page.objects.filter(pk=topic.pk).update(numchild=len(pages))
    print(
        f"generated {created} articles, {len(topics)} topics in {len(languages)} languages "
        f"in {time.monotonic() - started:.1f}s"
    )


# --- vectors -------------------------------------------------------------------------
# Embedding every generated page would take hours here (the model embeds tens of passages a
# second on these two cores). So: a real sample of the generated pages' passages is embedded
# with the indexing code path (its rate is the embedding throughput at indexing time), and
# every passage of every page gets one of those real vectors, cycled, stored with the page's
# own passage text and digest (indexing then finds nothing to embed). The kNN side then has the
# index shape and size of real vectors; which page is nearest to a query means nothing.
def vectors(options):
    from search import semantic
    from search.models import PassageVector
    from search.passages import passages_of

    if not embeddings.enabled():
        raise SystemExit("vectors: set SEARCH_SEMANTIC=1")
    rng = random.Random(11)
    ids = list(ArticlePage.objects.values_list("pk", flat=True))
    sample_pages = ArticlePage.objects.filter(pk__in=rng.sample(ids, options["sample"] // 2))
    sample = [p.for_model for page in sample_pages for p in passages_of(page)][: options["sample"]]
    embeddings.passage_vectors(sample[:8])  # the model loaded, not timed
    started = time.monotonic()
    embedded = embeddings.passage_vectors(sample)
    seconds = time.monotonic() - started
    rate = len(sample) / seconds
    print(
        f"embedding throughput at indexing time: {rate:.1f} passages/s ({len(sample)} real "
        f"passages of the generated pages in {seconds:.1f}s, {os.cpu_count()} cores, "
        f"SEARCH_EMBEDDING_THREADS={django.conf.settings.SEARCH_EMBEDDING_THREADS}); embedding "
        f"all passages of {len(ids)} pages would take ~{2 * len(ids) / rate / 60:.0f} min"
    )
    started = time.monotonic()
    rows, count, cycle = [], 0, 0
    pages = ArticlePage.objects.select_related("locale").order_by("pk").iterator(chunk_size=500)
    for page in pages:
        for position, passage in enumerate(passages_of(page)):
            rows.append(
                PassageVector(
                    page_id=page.pk,
                    language=page.locale.language_code,
                    position=position,
                    anchor=passage.anchor,
                    text=passage.text,
                    digest=semantic.digest(passage.for_model),
                    vector=embedded[cycle % len(embedded)].tobytes(),
                )
            )
            cycle += 1
        if len(rows) >= 2000:
            PassageVector.objects.bulk_create(rows)
            count, rows = count + len(rows), []
    PassageVector.objects.bulk_create(rows)
    count += len(rows)
    print(
        f"vectors: {count} passages of {len(ids)} pages given real vectors of the sample, "
        f"cycled (not their own: see tests/bench/search.py) in {time.monotonic() - started:.1f}s"
    )


# --- index ---------------------------------------------------------------------------
def index(options):
    from search import indexing
    from search.elastic import client

    started = time.monotonic()

    def log(line):
        print(f"  {time.monotonic() - started:6.1f}s {line}", flush=True)

    counts = indexing.rebuild_all(log=log)
    elapsed = time.monotonic() - started
    total = sum(counts.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"bulk index: {total} documents in {elapsed:.1f}s ({total / elapsed:.0f} docs/s), "
        f"indexing process peak memory {peak:.0f} MB — {counts}"
    )
    es = client.client().options(request_timeout=60)
    es.indices.refresh(index=f"{client.alias_name('*')}")
    stats = es.indices.stats(index=client.alias_name("*"), metric=["store", "docs"])["_all"]
    vectors = "with passages' vectors" if embeddings.enabled() else "words only, no vectors"
    print(
        f"index size: {stats['primaries']['store']['size_in_bytes'] / 2**20:.0f} MB "
        f"({vectors}; primaries, {stats['primaries']['docs']['count']} Lucene docs incl. "
        f"nested passages)"
    )
    # Warm Elasticsearch up as a site that has been answering for a while would be: the
    # first queries load the indices from disk and run before the JVM compiled its hot
    # paths (a fresh node needs a few thousand queries: ~4 ms each, then ~1.5 ms).
    from search.elastic import queries

    rng = random.Random(5)
    titles = list(ArticlePage.objects.values_list("title", "locale__language_code"))
    started = time.monotonic()
    timings: list[float] = []
    for _ in range(options["warm_up"]):
        title, code = rng.choice(titles)
        query = title[: rng.randint(2, 5)] if code == "ja" else title[: rng.randint(2, 12)]
        begin = time.perf_counter()
        queries.autocomplete(normalise(query, code), code, 8)
        timings.append((time.perf_counter() - begin) * 1000)
    if timings:
        print(
            f"Elasticsearch warm-up: {len(timings)} autocomplete queries in "
            f"{time.monotonic() - started:.1f}s; first 500 {percentiles(timings[:500], cuts=(50,))}"
            f", last 500 {percentiles(timings[-500:], cuts=(50,))}"
        )
    scopes = dict(
        HelpCenterHomePage.objects.filter(depth=2).values_list("locale__language_code", "path")
    )
    _query_shapes(es, _prefixes(titles), scopes)


def _query_shapes(es, prefixes, scopes) -> None:
    """Elasticsearch's own time (`took`, ms: independent of the HTTP client and of Django) of
    the autocomplete query over the measured prefixes, scoped to the language's home as the site
    asks it, as it is (popularity as a rescore of the first pages, the scope one term of `tree`:
    search.elastic.queries) and as it was before (decision 0014: a function_score over every
    matching page, the scope a prefix of `path`), interleaved, on the same index, in one run."""
    from search.elastic import queries
    from search.elastic.client import alias_name

    def before(text, code):
        request = queries.autocomplete_request(text, code, 8, scopes[code])
        del request["rescore"]
        request["query"]["bool"]["filter"] = [{"prefix": {"path": scopes[code]}}]
        request["query"] = {
            "function_score": {
                "query": request["query"],
                "functions": [
                    {
                        "field_value_factor": {
                            "field": "popularity",
                            "modifier": "log1p",
                            "missing": 0,
                        }
                    }
                ],
                "boost_mode": "sum",
            }
        }
        return request

    shapes = {
        "rescore, scope a term (now)": lambda text, code: queries.autocomplete_request(
            text, code, 8, scopes[code]
        ),
        "function_score, scope a prefix (before)": before,
    }
    took: dict[str, list[float]] = {name: [] for name in shapes}
    same = 0
    for round_ in range(3):
        for typed, code in prefixes:
            text, found = normalise(typed, code), []
            for name, request in shapes.items():
                response = es.search(index=alias_name(code), **request(text, code))
                found.append([hit["_id"] for hit in response["hits"]["hits"]])
                if round_:  # the first round warms both shapes up
                    took[name].append(response["took"])
            same += round_ == 0 and found[0] == found[1]
    print(
        f"autocomplete query in Elasticsearch (`took`, ms, n={len(took[next(iter(took))])}, "
        f"same suggestions in the same order for {same} of {len(prefixes)} prefixes; load "
        f"{_load_average()}):"
    )
    for name, values in took.items():
        print(
            f"  {name:40} mean {statistics.mean(values):5.2f}  p50 {percentile(values, 0.5):4.1f}"
            f"  p95 {percentile(values, 0.95):5.1f}  p99 {percentile(values, 0.99):5.1f}"
        )


def _prefixes(titles, count: int = 400, seed: int = 7) -> list[tuple[str, str]]:
    """The `count` typed prefixes the measurements ask (the first word and part of the second;
    Japanese: the first 2-5 characters), from `titles` ((title, language) pairs)."""
    rng = random.Random(seed)
    prefixes = []
    for title, code in rng.sample(titles, count):
        if code == "ja":
            prefixes.append((title[: rng.randint(2, 5)], code))
        else:
            words = title.split()
            prefix = " ".join(words[:1]) + " " + words[1][: rng.randint(1, len(words[1]))]
            prefixes.append((prefix, code))
    return prefixes


# --- measure -------------------------------------------------------------------------
# The client: one process per simulated visitor, each with one persistent HTTP/1.1
# connection opened (with TCP_NODELAY) before its first timed request, so a latency is
# request sent → whole body read, without DNS or TCP connection setup; a connection the
# server closes is reopened outside the timed window. Untimed warm-up requests run first.
def measure(options):
    titles = list(ArticlePage.objects.values_list("title", "locale__language_code"))
    prefixes = _prefixes(titles)
    autocomplete_paths = [
        "/api/v1/search/autocomplete?"
        + urllib.parse.urlencode({"q": q, "locale": code, "limit": 8})
        for q, code in prefixes
    ]
    page_paths = [
        f"/{code}/search/?" + urllib.parse.urlencode({"q": q if code == "ja" else q.split()[0]})
        for q, code in prefixes[:100]
    ]
    servers = {"elasticsearch": options["es_url"], "database": options["db_url"]}
    print(f"load average before: {_load_average()}")
    autocomplete: dict[tuple[str, int], list[float]] = {}
    autocomplete_outcomes: dict[int, dict[str, int]] = {}
    pids = dict(part.split("=") for part in options["pids"].split(",") if part)
    cpu: dict[str, tuple[float, float]] = {}
    for name, base in servers.items():
        # Warm-up, not counted: every prefix once, so each worker process has its database
        # and Elasticsearch connections and Elasticsearch's JVM has compiled its hot paths,
        # as on a site that has been running for a while.
        _load(base, autocomplete_paths, 8, len(autocomplete_paths))
        for concurrency in (1, 8):
            spent = _cpu_seconds(pids.get(name)), _cpu_seconds(pids.get("es"))
            latencies, outcomes = _load(base, autocomplete_paths, concurrency, options["requests"])
            if concurrency == 1:
                after = _cpu_seconds(pids.get(name)), _cpu_seconds(pids.get("es"))
                cpu[name] = tuple(  # type: ignore[assignment]
                    1000 * (end - begin) / len(latencies)
                    for begin, end in zip(spent, after, strict=True)
                )
            autocomplete[(name, concurrency)] = latencies
            if name == "elasticsearch":
                autocomplete_outcomes[concurrency] = outcomes
            print(f"  autocomplete {name} c={concurrency}: answered by {outcomes}")
    _autocomplete_table(autocomplete)  # printed now: the search pages may take long
    _cpu_table(cpu)
    if options["cached_url"]:
        _cached_autocomplete(options["cached_url"], autocomplete_paths, options["requests"])
    if embeddings.enabled():
        _meaning_round(servers, titles, prefixes, options["requests"])
    pages = {}
    fallback = {}
    for concurrency in (1, 8):
        fallback[("autocomplete", concurrency)] = autocomplete_outcomes[concurrency]
    for name, base in servers.items():
        _load(base, page_paths, 4, 40)  # warm-up, not counted
        for concurrency in (1, 8):
            latencies, outcomes = _load(
                base, page_paths, concurrency, min(100 * concurrency, options["requests"])
            )
            pages[(name, concurrency)] = latencies
            print(f"  search page {name} c={concurrency}: answered by {outcomes}")
            if name == "elasticsearch":
                fallback[("search page", concurrency)] = outcomes
    print(f"load average after:  {_load_average()}")
    _pages_table(pages)
    _fallback_table(fallback)


def _cpu_seconds(pid: str | None) -> float:
    """CPU seconds (user + system) of process `pid` and its children so far (0 without one)."""
    if not pid:
        return 0.0
    import psutil

    process = psutil.Process(int(pid))
    total = 0.0
    for each in [process, *process.children(recursive=True)]:
        times = each.cpu_times()
        total += times.user + times.system
    return total


def _cpu_table(cpu) -> None:
    """CPU time per autocomplete request at concurrency 1: independent of how busy the machine
    is (unlike latency), the cost of a request to the web server and to Elasticsearch."""
    print("\nautocomplete CPU time per request at c=1, ms (web server: gunicorn and its workers)")
    for name, (web, search) in cpu.items():
        engine = f", Elasticsearch {search:.2f}" if name != "database" else ""
        print(f"  {name:14} web server {web:.2f}{engine}")


def _meaning_round(servers, titles, asked, requests) -> None:
    """The widget's second round (meaning=1, when the visitor pauses: words and kNN fused), on
    texts no request asked before: each embeds its query (the query vector cache is cold), as
    the first visitor to type a text waits; c=1 and c=8 on texts of their own."""
    seen = set(asked)
    fresh = [p for p in dict.fromkeys(_prefixes(titles, 1200, seed=11)) if p not in seen]
    half = min(requests, len(fresh) // 4)
    rows = {}
    for number, (name, base) in enumerate(servers.items()):
        for step, concurrency in enumerate((1, 8)):
            start = (2 * number + step) * half
            paths = [
                "/api/v1/search/autocomplete?"
                + urllib.parse.urlencode({"q": q, "locale": code, "limit": 8, "meaning": 1})
                for q, code in fresh[start : start + half]
            ]
            latencies, outcomes = _load(base, paths, concurrency, len(paths))
            rows[(name, concurrency)] = latencies
            print(f"  autocomplete by meaning {name} c={concurrency}: answered by {outcomes}")
    print(
        "\nautocomplete's second round (meaning=1: words and kNN fused; each text asked once, "
        "its embedding included), ms"
    )
    for (name, concurrency), latencies in rows.items():
        print(
            f"{name:14} c={concurrency} (n={len(latencies)}) "
            f"{percentiles(latencies, cuts=(50, 95, 99))}  mean {statistics.mean(latencies):.2f} ms"
        )


def _cached_autocomplete(base, paths, requests) -> None:
    """The same requests on a server keeping Elasticsearch's answers (search.suggestion_cache)
    after every prefix was asked once: all of them answered from the cache, the floor a real mix
    of visitors' prefixes reaches by its share of repeated ones. The rows above are with the
    cache off: every request asks Elasticsearch."""
    _load(base, paths, 8, len(paths))  # every prefix once: the cache filled
    cuts = (50, 95, 99)
    print(
        "\nautocomplete with the suggestion cache on, every prefix asked before (all answers "
        "from the cache: a floor, not a real mix; the table above is the uncached figure), ms"
    )
    for concurrency in (1, 8):
        latencies, outcomes = _load(base, paths, concurrency, requests)
        print(
            f"  c={concurrency} (n={len(latencies)}) {percentiles(latencies, cuts=cuts)}"
            f"  answered by {outcomes}"
        )


def _fallback_table(fallback):
    """The share of the Elasticsearch site's answers that came from the database fallback (a
    timeout, an error, or the breaker open): 0 % with a healthy cluster."""
    print("\nanswered by the database fallback on the Elasticsearch site")
    for (kind, concurrency), outcomes in fallback.items():
        total = sum(outcomes.values())
        fell_back = total - outcomes.get("elasticsearch", 0)
        print(f"  {kind:12} c={concurrency}: {fell_back}/{total} = {100 * fell_back / total:.1f} %")


def _autocomplete_table(autocomplete):
    cuts = (50, 95, 99)
    n = len(next(iter(autocomplete.values())))
    print(
        f"\nautocomplete latency over HTTP, ms (n={n} per row; suggestion cache off: every "
        "request asks its backend)"
    )
    print(f"{'':6}{'elasticsearch':>24}{'database':>24}{'database/elasticsearch':>26}")
    print(
        f"{'':6}"
        + "".join(f"{'p' + str(p):>8}" for p in cuts * 2)
        + "".join(f"{'p' + str(p):>8}" for p in cuts)
    )
    for concurrency in (1, 8):
        es = [percentile(autocomplete[("elasticsearch", concurrency)], p / 100) for p in cuts]
        db = [percentile(autocomplete[("database", concurrency)], p / 100) for p in cuts]
        print(
            f"{'c=' + str(concurrency):6}"
            + "".join(f"{value:8.1f}" for value in es + db)
            + "".join(f"{d / e:7.1f}x" for d, e in zip(db, es, strict=True))
        )


def _pages_table(pages):
    cuts = (50, 95, 99)
    retrieval = (
        "hybrid: words + kNN over the passages' vectors, fused"
        if embeddings.enabled()
        else "words only: no vectors in this run"
    )
    print(f"\nsearch page latency over HTTP, ms ({retrieval})")
    for (name, concurrency), latencies in pages.items():
        mean = statistics.mean(latencies)
        print(
            f"{name:14} c={concurrency} (n={len(latencies)}) "
            f"{percentiles(latencies, cuts=cuts)}  mean {mean:.2f} ms"
        )


def _load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min; {os.cpu_count()} cores)"


def _load(base, paths, concurrency, total):
    """`total` requests spread over `concurrency` visitors, each its own process (so the
    client's own Python threads never wait on each other's GIL) with its own connection."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    ready = context.Barrier(concurrency)
    results = context.Queue()
    visitors = [
        context.Process(
            target=_visitor, args=(host, int(port), paths, total, counter, ready, results)
        )
        for _ in range(concurrency)
    ]
    for visitor in visitors:
        visitor.start()
    latencies: list[float] = []
    outcomes: dict[str, int] = {}
    for _ in visitors:
        for elapsed, outcome in results.get():  # each visitor reports once, whatever happened
            latencies.append(elapsed)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    for visitor in visitors:
        visitor.join()
    return latencies, outcomes


def _connect(host: str, port: int) -> HTTPConnection:
    conn = HTTPConnection(host, port, timeout=30)
    conn.connect()
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return conn


def _visitor(host, port, paths, total, counter, ready, results) -> None:
    """One benchmark visitor: takes request numbers until `total` were taken, times each one
    (request sent → whole body read) and reports [(ms, outcome)] on `results`."""
    conn = _connect(host, port)
    ready.wait()
    measured = []
    while True:
        with counter.get_lock():
            index = counter.value
            if index >= total:
                break
            counter.value += 1
        path = paths[index % len(paths)]
        start = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
        except OSError:  # no answer within the client's timeout: counted, not fatal
            measured.append(((time.perf_counter() - start) * 1000, "no answer"))
            conn.close()
            conn = _connect(host, port)
            continue
        elapsed = (time.perf_counter() - start) * 1000
        if response.will_close:  # reopened outside the timed window
            conn.close()
            conn = _connect(host, port)
        if path.startswith("/api/") and response.status == 200:
            outcome = json.loads(body).get("backend", "?")
        elif response.status == 200:
            found = BACKEND_ATTRIBUTE.search(body)
            outcome = found.group(1).decode() if found else "?"
        else:
            outcome = f"HTTP {response.status}"
        measured.append((elapsed, outcome))
    conn.close()
    results.put(measured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["generate", "vectors", "index", "measure"])
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--topics", type=int, default=20, help="topics per language")
    parser.add_argument("--es-url", default="")
    parser.add_argument("--db-url", default="")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--cached-url", default="", help="a server with the suggestion cache on")
    parser.add_argument("--pids", default="", help="elasticsearch=PID,database=PID,es=PID")
    parser.add_argument("--sample", type=int, default=512, help="passages embedded for real")
    parser.add_argument("--warm-up", type=int, default=4000, help="untimed queries after indexing")
    options = vars(parser.parse_args())
    actions = {"generate": generate, "vectors": vectors, "index": index, "measure": measure}
    actions[options["action"]](options)


if __name__ == "__main__":
    main()
