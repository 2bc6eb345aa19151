from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("autocomplete", views.autocomplete, name="autocomplete"),
    path("click", views.click, name="click"),
    path("answer-feedback", views.answer_feedback, name="answer_feedback"),
]
