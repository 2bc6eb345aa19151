"""Loading the demo as one batch: a single transaction, and the work Wagtail does after each save
— updating modelsearch's search indices and the reference index of the saved object — held back
during the load and done once per object at the end, by the same tasks the save receivers would
have run. The content and the indices are the same as when every save does its own side work;
an object saved five times is indexed once, and a fresh SQLite database commits once instead of
thousands of times.

Holding the work back swaps the two save receivers for a recorder for the length of the batch
(process-wide: meant for `seed_demo` and the test suite's seeding, where nothing else saves).
Deletions inside the batch still update the indices at once; an object saved, then deleted in the
batch is not indexed."""

from contextlib import ExitStack, contextmanager

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_save
from modelsearch.index import get_indexed_models
from modelsearch.signal_handlers import post_save_signal_handler
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import update_reference_index_on_save
from wagtail.tasks import update_reference_index_task


def _searchable_models() -> list:
    return [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]


def _held_side_work() -> list[tuple]:
    """(save receiver, the task it enqueues, the models it listens to)."""
    return [
        (
            update_reference_index_on_save,
            update_reference_index_task,
            ReferenceIndex.tracked_models,
        ),
        (post_save_signal_handler, insert_or_update_object_task, _searchable_models()),
    ]


@contextmanager
def held_back(receiver, models):
    """Saves of `models` inside do not call `receiver`; yields the saved objects as the task
    arguments the receiver would have enqueued, (app label, model name, pk), once each."""
    saved: dict[tuple[str, str, str], None] = {}

    def remember(instance, raw=False, **kwargs):
        if not raw:
            saved[(instance._meta.app_label, instance._meta.model_name, str(instance.pk))] = None

    for model in models:
        post_save.disconnect(receiver, sender=model)
        post_save.connect(remember, sender=model, weak=False)
    try:
        yield saved
    finally:
        for model in models:
            post_save.disconnect(remember, sender=model)
            post_save.connect(receiver, sender=model)


@contextmanager
def one_batch(log=print):
    """Everything inside is committed at once, with its held-back side work done at the end."""
    with transaction.atomic():
        with ExitStack() as stack:
            pending = [
                (task, stack.enter_context(held_back(receiver, models)))
                for receiver, task, models in _held_side_work()
            ]
            yield
        done = 0
        for task, saved in pending:
            for app_label, model_name, pk in saved:
                model = apps.get_model(app_label, model_name)
                if model._default_manager.filter(pk=pk).exists():  # not deleted since
                    task.call(app_label, model_name, pk)
                    done += 1
    log(f"Demo indexed: {done} search and reference index updates, once per saved object.")
