"""Every message is translated into Kazakh and Russian, and placeholders survive translation.

Modelled on Wagtail's scripts/check-translation-strings.py. Also checks the compiled .mo files are not stale,
since Django serves the .mo, not the .po."""

import re
from pathlib import Path

import pytest
from django.utils.translation import override
from django.utils.translation import gettext

polib = pytest.importorskip("polib")

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    p for p in list(ROOT.glob("wagtail_opengov/locale/*/LC_MESSAGES/django.po"))
    + list(ROOT.glob("sandbox/locale/*/LC_MESSAGES/django.po"))
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\{\s*\w+\s*\}\}")


def test_catalogues_exist_for_kk_ru_en():
    languages = {p.parent.parent.name for p in CATALOGUES if "wagtail_opengov" in str(p)}
    assert {"kk", "ru", "en"} <= languages


@pytest.mark.parametrize("po_path", [p for p in CATALOGUES if p.parent.parent.name in ("kk", "ru")], ids=str)
def test_every_message_is_translated_with_its_placeholders(po_path):
    catalogue = polib.pofile(str(po_path))
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
            continue
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not all(t.strip() for t in translations):
            problems.append(f"untranslated: {entry.msgid!r}")
            continue
        expected = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        for translation in translations:
            if set(PLACEHOLDER.findall(translation)) - expected or (
                not entry.msgid_plural and set(PLACEHOLDER.findall(translation)) != expected
            ):
                problems.append(f"placeholders differ: {entry.msgid!r} -> {translation!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("po_path", CATALOGUES, ids=str)
def test_compiled_catalogue_is_up_to_date(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"run compilemessages: {mo_path} is missing"
    compiled = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(mo_path))}
    for entry in polib.pofile(str(po_path)).translated_entries():
        if "fuzzy" in entry.flags:
            continue
        assert (entry.msgctxt, entry.msgid) in compiled, f"stale {mo_path}: missing {entry.msgid!r}"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_resident_facing_strings_are_served_translated(language):
    with override(language):
        assert gettext("Skip to main content") != "Skip to main content"
        assert gettext("Projects are listed in a random order made for you, so that no project is favoured.") != (
            "Projects are listed in a random order made for you, so that no project is favoured."
        )
