"""Demo contact forms for `seed_demo`: three branching forms, translated into es, ar and ru
through wagtail-localize (a PO file per form, imported like a translator's upload)."""

from __future__ import annotations

from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from cms.translation_import import import_translation

from .models import ContactFormPage

TRANSLATED = ("es", "ar", "ru")


def rule(field: str, op: str, value=None) -> dict:
    return {"field": field, "op": op} | ({} if value is None else {"value": value})


def T(en: str, es: str, ar: str, ru: str) -> dict[str, str]:  # noqa: N802 (reads like a table)
    return {"en": en, "es": es, "ar": ar, "ru": ru}


def field(kind: str, name: str, label: dict, **options) -> tuple[str, dict]:
    value = {
        "name": name,
        "label": label,
        "help_text": options.pop("help", ""),
        "required": options.pop("required", False),
        "show_if": options.pop("show_if", None),
        "require_if": options.pop("require_if", None),
    }
    value.update(options)
    return kind, value


def step(name: str, title: dict, branches=()) -> tuple[str, dict]:
    return "step", {"name": name, "title": title, "branches": list(branches)}


def choices(*items: tuple[str, dict]) -> list[dict]:
    return [{"value": value, "label": label} for value, label in items]


YES_HACKED = rule("hacked", "equals", "yes")

HACKED = {
    "parent": "hacked-accounts",
    "slug": "account-hacked",
    "title": T(
        "My account was hacked",
        "Hackearon mi cuenta",
        "تم اختراق حسابي",
        "Мой аккаунт взломали",
    ),
    "intro": T(
        "Tell us what happened and we will help you get your account back.",
        "Cuéntanos qué pasó y te ayudaremos a recuperar tu cuenta.",
        "أخبرنا بما حدث وسنساعدك على استعادة حسابك.",
        "Расскажите, что произошло, и мы поможем вернуть аккаунт.",
    ),
    "confirmation": T(
        "Our security team answers hacked-account requests first.",
        "Nuestro equipo de seguridad atiende primero las cuentas hackeadas.",
        "يرد فريق الأمان لدينا على طلبات الحسابات المخترقة أولًا.",
        "Команда безопасности отвечает на запросы о взломе в первую очередь.",
    ),
    "default_queue": "general",
    "routes": [
        {"name": "account_hacked", "when": YES_HACKED, "queue": "security", "priority": "critical"},
        {
            "name": "ad_spend",
            "when": rule("ad_spend", "greater_than", "0"),
            "queue": "billing",
            "priority": "critical",
        },
    ],
    "blocks": [
        step("about", T("About your account", "Sobre tu cuenta", "حول حسابك", "О вашем аккаунте")),
        field(
            "email",
            "email",
            T(
                "Email address of your account",
                "Correo electrónico de tu cuenta",
                "البريد الإلكتروني لحسابك",
                "Адрес электронной почты аккаунта",
            ),
            required=True,
        ),
        field(
            "country",
            "country",
            T("Where do you live?", "¿Dónde vives?", "أين تقيم؟", "Где вы живёте?"),
        ),
        field(
            "yes_no",
            "hacked",
            T(
                "Do you think someone else got into your account?",
                "¿Crees que otra persona entró en tu cuenta?",
                "هل تعتقد أن شخصًا آخر دخل إلى حسابك؟",
                "Вы думаете, что кто-то другой вошёл в ваш аккаунт?",
            ),
            required=True,
        ),
        (
            "section",
            {
                "heading": T(
                    "What the intruder changed",
                    "Lo que cambió el intruso",
                    "ما الذي غيّره المتسلل",
                    "Что изменил злоумышленник",
                ),
                "show_if": YES_HACKED,
            },
        ),
        field(
            "yes_no",
            "lost_email",
            T(
                "Did they change your email address or password?",
                "¿Cambiaron tu correo electrónico o tu contraseña?",
                "هل غيّروا بريدك الإلكتروني أو كلمة المرور؟",
                "Они изменили ваш адрес почты или пароль?",
            ),
            required=True,
        ),
        field(
            "email",
            "contact_email",
            T(
                "Another email address where we can reach you",
                "Otro correo donde podamos contactarte",
                "بريد إلكتروني آخر يمكننا التواصل معك عليه",
                "Другой адрес почты для связи с вами",
            ),
            require_if=rule("lost_email", "equals", "yes"),
            help=T(
                "They may be reading your usual inbox.",
                "Es posible que lean tu bandeja de entrada habitual.",
                "قد يقرؤون صندوق بريدك المعتاد.",
                "Возможно, они читают ваш обычный ящик.",
            ),
        ),
        field(
            "date",
            "last_access",
            T(
                "When did you last sign in yourself?",
                "¿Cuándo iniciaste sesión por última vez?",
                "متى سجّلت الدخول بنفسك آخر مرة؟",
                "Когда вы в последний раз входили сами?",
            ),
        ),
        (
            "section",
            {
                "heading": T("Your problem", "Tu problema", "مشكلتك", "Ваша проблема"),
                "show_if": rule("hacked", "equals", "no"),
            },
        ),
        field(
            "long_text",
            "other_problem",
            T(
                "What is wrong with your account?",
                "¿Qué le pasa a tu cuenta?",
                "ما المشكلة في حسابك؟",
                "Что не так с вашим аккаунтом?",
            ),
            required=True,
            max_length=3000,
        ),
        (
            "suggestion",
            {
                "text": T(
                    "Secure a hacked account in five minutes",
                    "Protege una cuenta hackeada en cinco minutos",
                    "أمّن حسابًا مخترقًا في خمس دقائق",
                    "Защитите взломанный аккаунт за пять минут",
                ),
                "page": "secure-a-hacked-account",
            },
        ),
        step(
            "damage",
            T("What they did", "Lo que hicieron", "ما الذي فعلوه", "Что они сделали"),
        ),
        field(
            "multiple_choice",
            "changes",
            T(
                "What did they do with your account?",
                "¿Qué hicieron con tu cuenta?",
                "ماذا فعلوا بحسابك؟",
                "Что они сделали с вашим аккаунтом?",
            ),
            required=True,
            choices=choices(
                ("pins", T("Posted Pins", "Publicaron Pines", "نشروا دبابيس", "Публиковали пины")),
                (
                    "messages",
                    T("Sent messages", "Enviaron mensajes", "أرسلوا رسائل", "Отправляли сообщения"),
                ),
                ("ads", T("Ran ads", "Publicaron anuncios", "شغّلوا إعلانات", "Запускали рекламу")),
                (
                    "nothing",
                    T("Nothing I can see", "Nada que yo vea", "لا شيء أراه", "Ничего заметного"),
                ),
            ),
        ),
        field(
            "number",
            "ad_spend",
            T(
                "How much did they spend on ads?",
                "¿Cuánto gastaron en anuncios?",
                "كم أنفقوا على الإعلانات؟",
                "Сколько они потратили на рекламу?",
            ),
            show_if=rule("changes", "one_of", ["ads"]),
            required=True,
            min_value=0,
            max_value=1000000,
        ),
        step(
            "details",
            T("Anything else", "Algo más", "أي شيء آخر", "Что-нибудь ещё"),
        ),
        field(
            "long_text",
            "description",
            T(
                "Anything else that would help us?",
                "¿Algo más que nos ayude?",
                "أي شيء آخر قد يساعدنا؟",
                "Что ещё может нам помочь?",
            ),
            max_length=3000,
        ),
        field(
            "file",
            "screenshot",
            T(
                "Screenshot (optional)",
                "Captura de pantalla (opcional)",
                "لقطة شاشة (اختياري)",
                "Снимок экрана (необязательно)",
            ),
            extensions="png, jpg, jpeg, pdf",
            max_size_mb=5,
        ),
        ("hidden_context", {"name": "came_from", "source": "referrer"}),
    ],
}
# Without an intrusion, skip the "what they did" step.
HACKED["blocks"][0][1]["branches"] = [{"when": rule("hacked", "equals", "no"), "goto": "details"}]

AD_PAYMENT = {
    "parent": "ads-and-billing",
    "slug": "ad-payment-problem",
    "title": T(
        "Problem with an ad payment",
        "Problema con un pago de anuncios",
        "مشكلة في دفع الإعلانات",
        "Проблема с оплатой рекламы",
    ),
    "intro": T(
        "Charged twice, card declined or ads stopped? Tell us and we will sort it out.",
        "¿Cobro doble, tarjeta rechazada o anuncios detenidos? Cuéntanos y lo resolveremos.",
        "خصم مرتين أو رفض البطاقة أو توقف الإعلانات؟ أخبرنا وسنحل المشكلة.",
        "Двойное списание, карту отклонили или реклама остановлена? Расскажите нам.",
    ),
    "confirmation": T(
        "Our billing team replies within one business day.",
        "Nuestro equipo de facturación responde en un día hábil.",
        "يرد فريق الفوترة خلال يوم عمل واحد.",
        "Отдел оплаты ответит в течение одного рабочего дня.",
    ),
    "default_queue": "billing",
    "routes": [
        {
            "name": "ads_blocked",
            "when": rule("ads_stopped", "equals", "yes"),
            "queue": "billing",
            "priority": "critical",
        },
        {
            "name": "large_amount",
            "when": rule("amount", "greater_than", "1000"),
            "queue": "billing",
            "priority": "critical",
        },
    ],
    "blocks": [
        field(
            "email",
            "email",
            T(
                "Email address of your ads account",
                "Correo de tu cuenta de anuncios",
                "البريد الإلكتروني لحساب الإعلانات",
                "Адрес почты рекламного аккаунта",
            ),
            required=True,
        ),
        field(
            "single_choice",
            "problem",
            T(
                "What went wrong?",
                "¿Qué salió mal?",
                "ما الذي حدث؟",
                "Что случилось?",
            ),
            required=True,
            widget="radio",
            choices=choices(
                (
                    "charged_twice",
                    T(
                        "I was charged twice",
                        "Me cobraron dos veces",
                        "تم خصم المبلغ مرتين",
                        "С меня списали дважды",
                    ),
                ),
                (
                    "card_declined",
                    T(
                        "My card was declined",
                        "Rechazaron mi tarjeta",
                        "تم رفض بطاقتي",
                        "Мою карту отклонили",
                    ),
                ),
                (
                    "refund",
                    T(
                        "I want a refund",
                        "Quiero un reembolso",
                        "أريد استرداد المبلغ",
                        "Хочу вернуть деньги",
                    ),
                ),
                ("other", T("Something else", "Otra cosa", "شيء آخر", "Другое")),
            ),
        ),
        field(
            "number",
            "amount",
            T(
                "Amount, in your billing currency",
                "Importe, en tu moneda de facturación",
                "المبلغ بعملة الفوترة",
                "Сумма в валюте счёта",
            ),
            show_if=rule("problem", "one_of", ["charged_twice", "refund"]),
            required=True,
            min_value=0,
            max_value=10000000,
        ),
        field(
            "date",
            "charge_date",
            T("Date of the charge", "Fecha del cargo", "تاريخ الخصم", "Дата списания"),
            show_if=rule("problem", "one_of", ["charged_twice", "refund"]),
        ),
        field(
            "yes_no",
            "ads_stopped",
            T(
                "Are your ads stopped right now?",
                "¿Tus anuncios están detenidos ahora?",
                "هل إعلاناتك متوقفة الآن؟",
                "Ваша реклама сейчас остановлена?",
            ),
            show_if=rule("problem", "equals", "card_declined"),
            required=True,
        ),
        field(
            "file",
            "invoice",
            T(
                "Invoice or bank statement (optional)",
                "Factura o extracto bancario (opcional)",
                "الفاتورة أو كشف الحساب (اختياري)",
                "Счёт или выписка (необязательно)",
            ),
            show_if=rule("problem", "one_of", ["charged_twice", "refund"]),
            extensions="pdf, png, jpg, jpeg",
            max_size_mb=5,
        ),
        field(
            "long_text",
            "details",
            T(
                "Describe the problem",
                "Describe el problema",
                "صف المشكلة",
                "Опишите проблему",
            ),
            required=True,
            max_length=3000,
        ),
        ("hidden_context", {"name": "language", "source": "locale"}),
    ],
}

BUG = {
    "parent": "troubleshooting",
    "slug": "report-a-bug",
    "title": T("Report a bug", "Informar de un error", "الإبلاغ عن خطأ", "Сообщить об ошибке"),
    "intro": T(
        "Something not working as it should? Tell us where and how it happens.",
        "¿Algo no funciona como debería? Dinos dónde y cómo ocurre.",
        "هل هناك شيء لا يعمل كما ينبغي؟ أخبرنا أين وكيف يحدث.",
        "Что-то работает не так? Расскажите, где и как это происходит.",
    ),
    "confirmation": T(
        "Thank you: every report reaches our engineers.",
        "Gracias: cada informe llega a nuestros ingenieros.",
        "شكرًا لك: يصل كل بلاغ إلى مهندسينا.",
        "Спасибо: каждый отчёт попадает к инженерам.",
    ),
    "default_queue": "bugs",
    "routes": [
        {
            "name": "ads_manager",
            "when": rule("area", "equals", "ads_manager"),
            "queue": "ads",
            "priority": "normal",
        },
    ],
    "blocks": [
        step("where", T("Where", "Dónde", "أين", "Где")),
        field(
            "single_choice",
            "area",
            T("Where did it happen?", "¿Dónde ocurrió?", "أين حدث ذلك؟", "Где это произошло?"),
            required=True,
            widget="radio",
            choices=choices(
                ("app", T("In the app", "En la aplicación", "في التطبيق", "В приложении")),
                ("website", T("On the website", "En el sitio web", "على الموقع", "На сайте")),
                (
                    "ads_manager",
                    T(
                        "In Ads Manager",
                        "En el administrador de anuncios",
                        "في مدير الإعلانات",
                        "В рекламном кабинете",
                    ),
                ),
            ),
        ),
        field(
            "single_choice",
            "device",
            T("Which phone?", "¿Qué teléfono?", "أي هاتف؟", "Какой телефон?"),
            show_if=rule("area", "equals", "app"),
            required=True,
            widget="dropdown",
            choices=choices(
                ("android", T("Android", "Android", "أندرويد", "Android")),
                ("ios", T("iPhone or iPad", "iPhone o iPad", "آيفون أو آيباد", "iPhone или iPad")),
            ),
        ),
        field(
            "short_text",
            "app_version",
            T("App version", "Versión de la aplicación", "إصدار التطبيق", "Версия приложения"),
            show_if=rule("area", "equals", "app"),
            max_length=40,
        ),
        field(
            "short_text",
            "browser",
            T("Which browser?", "¿Qué navegador?", "أي متصفح؟", "Какой браузер?"),
            show_if=rule("area", "one_of", ["website", "ads_manager"]),
            max_length=100,
        ),
        step("what", T("What happened", "Qué pasó", "ما الذي حدث", "Что произошло")),
        field(
            "short_text",
            "summary",
            T("In one sentence", "En una frase", "في جملة واحدة", "Одним предложением"),
            required=True,
            max_length=200,
        ),
        field(
            "long_text",
            "steps",
            T(
                "Steps to make it happen again",
                "Pasos para que vuelva a ocurrir",
                "خطوات تكرار المشكلة",
                "Шаги, чтобы повторить ошибку",
            ),
            required=True,
            max_length=5000,
        ),
        field(
            "url",
            "page_url",
            T(
                "Address of the page (optional)",
                "Dirección de la página (opcional)",
                "عنوان الصفحة (اختياري)",
                "Адрес страницы (необязательно)",
            ),
            show_if=rule("area", "one_of", ["website", "ads_manager"]),
        ),
        field(
            "file",
            "screenshot",
            T(
                "Screenshot (optional)",
                "Captura de pantalla (opcional)",
                "لقطة شاشة (اختياري)",
                "Снимок экрана (необязательно)",
            ),
            extensions="png, jpg, jpeg",
            max_size_mb=5,
        ),
        field(
            "email",
            "email",
            T(
                "Email, if you want a reply",
                "Correo, si quieres respuesta",
                "البريد الإلكتروني إذا أردت ردًا",
                "Почта, если нужен ответ",
            ),
        ),
    ],
}

FORMS = (HACKED, AD_PAYMENT, BUG)


def _in(language: str, value):
    """The block value with every translatable text in `language`."""
    if isinstance(value, dict) and set(value) == {"en", "es", "ar", "ru"}:
        return value[language]
    if isinstance(value, dict):
        return {key: _in(language, item) for key, item in value.items()}
    if isinstance(value, list):
        return [_in(language, item) for item in value]
    return value


def _texts(value, found: list[dict]) -> list[dict]:
    if isinstance(value, dict) and set(value) == {"en", "es", "ar", "ru"}:
        found.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _texts(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _texts(item, found)
    return found


def _build(spec: dict, parent: Page) -> ContactFormPage:
    blocks = []
    for kind, value in spec["blocks"]:
        value = _in("en", value)
        if kind == "suggestion":
            target = Page.objects.filter(slug=value["page"], locale=parent.locale).first()
            if target is None:
                continue
            value = {"text": value["text"], "page": target}
        blocks.append((kind, value))
    page = ContactFormPage(
        title=spec["title"]["en"],
        slug=spec["slug"],
        intro=spec["intro"]["en"],
        confirmation_text=spec["confirmation"]["en"],
        default_queue=spec["default_queue"],
        form_fields=blocks,
        routing=[("route", route) for route in spec["routes"]],
    )
    parent.add_child(instance=page)
    page.clean()  # the demo forms pass the same logic checks as an editor's
    page.save_revision().publish()
    return page


def seed(log=print) -> dict[str, int]:
    english = Locale.objects.get(language_code="en")
    created = translated = 0
    for spec in FORMS:
        parent = Page.objects.filter(slug=spec["parent"], locale=english).first()
        if parent is None:
            continue
        page = ContactFormPage.objects.filter(slug=spec["slug"], locale=english).first()
        if page is None:
            page = _build(spec, parent.specific)
            created += 1
        texts = _texts([spec["title"], spec["intro"], spec["confirmation"], spec["blocks"]], [])
        for code in TRANSLATED:
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None:
                continue
            existing = page.get_translation_or_none(locale)
            if existing is not None and not existing.alias_of_id:
                continue  # a translator's work is never overwritten
            import_translation(page, locale, {t["en"]: t[code] for t in texts})
            translated += 1
    # Every other locale shows the forms as aliases of the English ones until translated.
    for sync in LocaleSynchronization.objects.filter(sync_from=english):
        synchronize_tree(english, sync.locale)
    log(f"Demo contact forms: {created} created, {translated} translations made.")
    return {"forms_created": created, "translations_created": translated}
