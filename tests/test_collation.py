"""Names shown to residents follow the alphabet of their language, not Unicode code points.

By code point every Kazakh letter (Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І) and the Russian Ё come after Я, so "Әуезов ауданы"
ended up last in the area choices of the Kazakh submission form."""

import re
from html import unescape

from django.utils import translation

from wagtail_opengov.collation import sort_key, sorted_by_name

from .factories import AreaFactory, CategoryFactory
from .submission_helpers import _media, campaigns  # noqa: F401  (fixtures)

KAZAKH_ALPHABET = "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я".split()
RUSSIAN_ALPHABET = "А Б В Г Д Е Ё Ж З И Й К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Ъ Ы Ь Э Ю Я".split()


def _sorted(names, language):
    return sorted(names, key=lambda name: sort_key(name, language))


def test_kazakh_letters_sort_in_the_kazakh_alphabet():
    shuffled = list(reversed(KAZAKH_ALPHABET))
    assert _sorted(shuffled, "kk") == KAZAKH_ALPHABET
    assert _sorted(["Яссауи", "Әуезов", "Бостандық", "Алмалы", "Іле", "Ықылас"], "kk") == [
        "Алмалы", "Әуезов", "Бостандық", "Ықылас", "Іле", "Яссауи",
    ]


def test_kazakh_order_ignores_case_and_applies_inside_words():
    assert _sorted(["әуезов", "Бостандық", "АЛМАЛЫ"], "kk") == ["АЛМАЛЫ", "әуезов", "Бостандық"]
    assert _sorted(["Аудан", "Ақсай", "Аягөз"], "kk") == ["Ақсай", "Аудан", "Аягөз"]
    assert _sorted(["Қонаев", "Көкжиек", "Лисаковск"], "kk") == ["Көкжиек", "Қонаев", "Лисаковск"]


def test_russian_puts_yo_right_after_ye():
    assert _sorted(list(reversed(RUSSIAN_ALPHABET)), "ru") == RUSSIAN_ALPHABET
    assert _sorted(["Ёлочка", "Ясли", "Жильё", "Ель"], "ru") == ["Ель", "Ёлочка", "Жильё", "Ясли"]
    assert _sorted(["ёж", "Ежи", "Ёмкость"], "ru-ru") == ["Ежи", "ёж", "Ёмкость"]


def test_digits_and_latin_letters_have_a_sensible_place():
    names = ["Zhas Otan", "Абай", "2-й микрорайон", "Яблоко", "10-й микрорайон", "Almaty"]
    assert _sorted(names, "kk") == ["10-й микрорайон", "2-й микрорайон", "Абай", "Яблоко", "Almaty", "Zhas Otan"]
    # A shorter word comes before the words it begins, and a space before a letter.
    assert _sorted(["Ақжол", "Ақ жол", "Ақ"], "kk") == ["Ақ", "Ақ жол", "Ақжол"]


def test_other_languages_sort_case_insensitively_by_code_point():
    names = ["roads", "Courtyards", "schools", "Avenues"]
    assert _sorted(names, "en") == ["Avenues", "Courtyards", "roads", "schools"]


def test_the_active_language_is_the_default(db):
    objects = [CategoryFactory.build(name=name) for name in ("Яблоко", "Әлеуметтік қолдау", "Абаттандыру")]
    with translation.override("kk"):
        assert [c.name for c in sorted_by_name(objects)] == ["Абаттандыру", "Әлеуметтік қолдау", "Яблоко"]


def _options(content, field):
    select = re.search(rf'<select[^>]*name="{field}"[^>]*>(.*?)</select>', content, re.S)
    assert select, f"no {field} select on the page"
    options = re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', select.group(1), re.S)
    return [unescape(label).strip() for value, label in options if value]


def test_on_the_kazakh_submission_form_areas_and_categories_follow_the_kazakh_alphabet(client, campaigns, locales):
    kk = locales["kk"]
    for i, name in enumerate(["Бостандық ауданы", "Әуезов ауданы", "Алмалы ауданы", "Жетісу ауданы", "Ақсу ауданы"]):
        AreaFactory(name=name, slug=f"district-kk-{i}", locale=kk)
    for i, name in enumerate(["Білім беру", "Әлеуметтік қолдау", "Абаттандыру", "Жолдар"]):
        CategoryFactory(name=name, slug=f"category-kk-{i}", locale=kk)

    response = client.get(campaigns["kk"].submit_url)
    assert response.status_code == 200
    content = response.content.decode()
    areas = _options(content, "area")
    assert areas == ["Ақсу ауданы", "Алмалы ауданы", "Әуезов ауданы", "Бостандық ауданы", "Жетісу ауданы"]
    categories = _options(content, "category")
    assert categories.index("Абаттандыру") + 1 == categories.index("Әлеуметтік қолдау")
    assert categories.index("Әлеуметтік қолдау") < categories.index("Білім беру")


def test_the_kazakh_campaign_listing_filters_follow_the_kazakh_alphabet(client, campaigns, locales):
    for i, name in enumerate(["Бостандық ауданы", "Әуезов ауданы", "Алмалы ауданы"]):
        AreaFactory(name=name, slug=f"district-kk-{i}", locale=locales["kk"])

    response = client.get(campaigns["kk"].url)
    assert response.status_code == 200
    assert _options(response.content.decode(), "area") == ["Алмалы ауданы", "Әуезов ауданы", "Бостандық ауданы"]
