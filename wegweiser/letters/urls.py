from django.urls import path

from . import views

app_name = "letters"
urlpatterns = [
    path("cases/<int:pk>/new/", views.letter_make_view, name="make"),
    path("<int:pk>/pdf/", views.letter_download_view, name="download"),
    path("texts/", views.texts_view, name="texts"),
    path("texts/<str:kind>/<str:language>/", views.text_edit_view, name="text_edit"),
    path("texts/<str:kind>/<str:language>/review/", views.text_review_view, name="text_review"),
    path("letterhead/", views.letterhead_view, name="letterhead"),
]
