"""The template library: loading, lookup, bodies, choices, request versions."""

import time
from pathlib import Path

import pytest

from explorer.core.commands import PACKAGE_OF
from explorer.core.errors import TemplateError
from explorer.core.namespaces import java_type
from explorer.core.templates import TemplateLibrary, all_releases, default_library, templates_root
from explorer.core.templates_load import load_templates
from explorer.core.versions import BASELINE, LATEST, Version
from explorer.core.xmlsafe import parse_xml

V = Version.parse
LIB = default_library()
TEMPLATES = LIB.commands()
IDS = [t.command for t in TEMPLATES]


def test_root_is_the_checkout_folder():
    assert templates_root() == Path(__file__).resolve().parents[2] / "templates"


def test_loading_the_whole_library_is_fast():
    load_templates(templates_root())  # warm the imports and the OS cache
    start = time.perf_counter()
    load_templates(templates_root())
    elapsed_ms = (time.perf_counter() - start) * 1000
    assert elapsed_ms < 30, f"loading took {elapsed_ms:.1f} ms"


def test_load_is_cached():
    assert TemplateLibrary.load() is TemplateLibrary.load()
    assert default_library() is default_library()


def test_get_is_case_insensitive_and_accepts_package_forms():
    assert LIB.get("getsessioninfo").command == "GetSessionInfo"
    assert LIB.get("ep.GetSessionInfo").command == "GetSessionInfo"
    assert LIB.get("java:com.webex.service.binding.ep.GetSessionInfo").command == "GetSessionInfo"
    assert LIB.find("NoSuchThing") is None


def test_get_unknown_suggests_close_names():
    with pytest.raises(TemplateError, match="did you mean GetSessionInfo"):
        LIB.get("GetSesssionInfo")
    with pytest.raises(TemplateError, match="templates list"):
        LIB.get("zzzzzz")


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_metadata_matches_the_command_catalog(template):
    assert PACKAGE_OF[template.command] == template.package
    assert template.xsi_type == java_type(template.package, template.command)
    assert template.response_type.endswith("Response")
    assert template.description_en and template.description_ja


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_every_body_at_every_release_is_well_formed(template):
    for v in all_releases():
        if not template.available_at(v):
            with pytest.raises(TemplateError, match="does not exist"):
                template.body_at(v)
            continue
        body = template.body_at(v)
        root = parse_xml(f"<bodyContent>\n{body}\n</bodyContent>", what="body")
        names = {el.tag for el in root.iter() if isinstance(el.tag, str)} - {"bodyContent"}
        assert names <= template.request_elements_at(v)
        assert "\t" not in body
        for line in body.splitlines():
            indent = len(line) - len(line.lstrip(" "))
            assert indent % 4 == 0


def test_versions_are_baseline_plus_releases():
    releases = all_releases()
    assert releases[0] == BASELINE and releases[-1] == LATEST
