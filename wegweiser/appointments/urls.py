from django.urls import path

from . import views

app_name = "appointments"
urlpatterns = [
    path("", views.week_view, name="week"),
    path("new/", views.create_view, name="create"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/reschedule/", views.reschedule_view, name="reschedule"),
    path("<int:pk>/outcome/", views.outcome_view, name="outcome"),
    path("<int:pk>/email/", views.send_email_view, name="send_email"),
    path("<int:pk>/letter/", views.letter_view, name="letter"),
    path("person/<int:pk>/consent/", views.consent_add_view, name="consent_add"),
    path(
        "person/<int:pk>/consent/<int:consent_pk>/withdraw/",
        views.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path("interpreters/", views.interpreters_view, name="interpreters"),
    path("calendar/", views.feed_settings_view, name="feed_settings"),
    # The only address without login: the calendar program's, behind its secret token.
    path("feed/<str:token>.ics", views.feed_view, name="feed"),
]
