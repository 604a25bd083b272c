from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.directory_view, name="directory"),
    path("new/", views.partner_create_view, name="partner_create"),
    path("<int:pk>/", views.partner_view, name="partner"),
    path("<int:pk>/edit/", views.partner_edit_view, name="partner_edit"),
    path("<int:pk>/contacts/", views.contact_add_view, name="contact_add"),
    path(
        "<int:pk>/contacts/<int:contact>/remove/",
        views.contact_remove_view,
        name="contact_remove",
    ),
    path("people/<int:pk>/refer/", views.refer_view, name="refer"),
    path("referrals/<int:pk>/", views.referral_view, name="referral"),
    path("referrals/<int:pk>/letter.pdf", views.referral_pdf_view, name="referral_pdf"),
    path("inbox/", views.inbox_view, name="inbox"),
]
