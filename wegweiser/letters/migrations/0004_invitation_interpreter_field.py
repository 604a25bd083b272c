# ruff: noqa: RUF001  (the shipped sentence in ten languages is the content)
"""Invitation texts: the interpreter sentence becomes the merge field {interpreter}.

It says that an interpreter will be there once one is booked, and asks otherwise. Only the
sentence as shipped is replaced; a text the centre has reworded keeps its wording.
"""

from django.db import migrations

SHIPPED = {
    "de": "Sie brauchen eine Dolmetscherin oder einen Dolmetscher? Dann sagen Sie es uns bitte vorher.",
    "en": "Do you need an interpreter? Then please tell us beforehand.",
    "ar": "إذا كنتم بحاجة إلى مترجم أو مترجمة، يُرجى إخبارنا مسبقًا.",
    "prs": "اگر به ترجمان ضرورت دارید، لطفاً پیش از وقت به ما بگویید.",
    "ps": "که تاسو ژباړونکي ته اړتیا لرئ، مهرباني وکړئ مخکې موږ ته ووایاست.",
    "uk": "Вам потрібен перекладач або перекладачка? Тоді, будь ласка, скажіть нам про це заздалегідь.",
    "ru": "Вам нужен переводчик или переводчица? Тогда, пожалуйста, скажите нам об этом заранее.",
    "ti": "ተርጓሚ እንተድኣ ኣድልዩኩም፡ በጃኹም ኣቐዲምኩም ንገሩና።",
    "tr": "Tercümana mı ihtiyacınız var? O zaman lütfen önceden bize söyleyin.",
    "kmr": "Hûn hewcedarî wergêr in? Wê demê ji kerema xwe berê ji me re bêjin.",
}


def forwards(apps, schema_editor):
    LetterText = apps.get_model("letters", "LetterText")
    for text in LetterText.objects.filter(kind="invitation", language__in=SHIPPED):
        sentence = SHIPPED[text.language]
        if sentence in text.body:
            text.body = text.body.replace(sentence, "{interpreter}")
            text.save(update_fields=["body"])


def backwards(apps, schema_editor):
    LetterText = apps.get_model("letters", "LetterText")
    for text in LetterText.objects.filter(kind="invitation", language__in=SHIPPED):
        if "{interpreter}" in text.body:
            text.body = text.body.replace("{interpreter}", SHIPPED[text.language])
            text.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("letters", "0003_kind_label")]

    operations = [migrations.RunPython(forwards, backwards)]
