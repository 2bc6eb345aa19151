from django.urls import path

from . import plan_views, views

urlpatterns = [
    path("api/v1/events", views.events_api, name="tracking_events"),
    path("tracking/consent", views.consent, name="tracking_consent"),
    path("tracking/forget", views.forget, name="tracking_forget"),
    path("tracking/to", views.to_property, name="tracking_to_property"),
    path(
        "tracking-plan/<int:major>/plan.json",
        plan_views.plan_document,
        name="tracking_plan_document",
    ),
    path(
        "tracking/feedback/<int:page_id>/",
        views.article_feedback,
        name="tracking_article_feedback",
    ),
]
