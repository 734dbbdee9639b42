"""Files for translators who work offline: XLIFF 2.0 and PO, written and read back.

One *unit* is one text field of one object. Besides its source and target it carries what an
import checks: the object's source ``revision`` the file was made from and the ``base`` of the
translation (when it was last written, empty when there was none), so a translation edited after
the export is a conflict, never overwritten. XLIFF keeps them as attributes of its ``<unit>`` in
a namespace of ours; PO in the message context (``content/12/title@3/1733100000000000``).

Reading refuses anything malformed with :class:`BadFile` before a single unit is used.
"""
import io
import re
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
OURS = "urn:participation-portal:translation"
CONTEXT = re.compile(r"^(?P<kind>[\w.]+)/(?P<object_id>\d+)/(?P<field>\w+)@(?P<revision>\d+)/(?P<base>\d*)$")
PLACEHOLDER = re.compile(r"\$\{[^}]*\}|\{[^{}]*\}")

ET.register_namespace("", XLIFF)
ET.register_namespace("pp", OURS)


class BadFile(Exception):
    """The file is not one the portal wrote or can read (the message is translatable)."""


@dataclass
class Unit:
    kind: str
    object_id: int
    field: str
    revision: int
    base: str
    source: str
    target: str
    label: str = ""

    @property
    def key(self):
        return self.kind, self.object_id


def placeholders(text):
    """The ``${name}`` and ``{name}`` placeholders of a text, with their counts."""
    found = {}
    for match in PLACEHOLDER.findall(text or ""):
        found[match] = found.get(match, 0) + 1
    return found


# -- XLIFF 2.0 ---------------------------------------------------------------------------------

def write_xliff(units, source_language, target_language):
    root = ET.Element(f"{{{XLIFF}}}xliff", {"version": "2.0", "srcLang": source_language,
                                             "trgLang": target_language})
    file = ET.SubElement(root, f"{{{XLIFF}}}file", {"id": "portal"})
    elements = {}
    for unit in units:
        element = elements.get(unit.key)
        if element is None:
            element = elements[unit.key] = ET.SubElement(file, f"{{{XLIFF}}}unit", {
                "id": f"{unit.kind}/{unit.object_id}", f"{{{OURS}}}revision": str(unit.revision),
                f"{{{OURS}}}base": unit.base})
            if unit.label:
                notes = ET.SubElement(element, f"{{{XLIFF}}}notes")
                ET.SubElement(notes, f"{{{XLIFF}}}note", {"category": "label"}).text = unit.label
        segment = ET.SubElement(element, f"{{{XLIFF}}}segment", {"id": unit.field})
        ET.SubElement(segment, f"{{{XLIFF}}}source").text = unit.source
        if unit.target:
            ET.SubElement(segment, f"{{{XLIFF}}}target").text = unit.target
    ET.indent(root)
    # registered again at each write: a library may take the default prefix for the process
    # (WeasyPrint does, when first imported)
    ET.register_namespace("", XLIFF)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _text(element):
    """The text of a <source>/<target>, inline markup refused (the portal never writes any)."""
    if element is None:
        return ""
    if len(element):
        raise BadFile("markup")
    return element.text or ""


def read_xliff(data):
    """``(target language, units)`` of an XLIFF 2.0 document."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # no entity expansion
        raise BadFile("doctype")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise BadFile("xml") from error
    if root.tag != f"{{{XLIFF}}}xliff" or root.get("version") != "2.0" or not root.get("trgLang"):
        raise BadFile("not xliff 2.0")
    units = []
    for element in root.iter(f"{{{XLIFF}}}unit"):
        kind, _, object_id = (element.get("id") or "").rpartition("/")
        revision, base = element.get(f"{{{OURS}}}revision"), element.get(f"{{{OURS}}}base")
        if not kind or not object_id.isdigit() or revision is None or not revision.isdigit() \
                or base is None:
            raise BadFile("unit")
        for segment in element.iter(f"{{{XLIFF}}}segment"):
            if not segment.get("id"):
                raise BadFile("segment")
            units.append(Unit(kind, int(object_id), segment.get("id"), int(revision), base,
                              _text(segment.find(f"{{{XLIFF}}}source")),
                              _text(segment.find(f"{{{XLIFF}}}target"))))
    return root.get("trgLang").replace("-", "_"), units


# -- PO (Babel) --------------------------------------------------------------------------------

def write_po_file(units, target_language):
    catalog = Catalog(locale=target_language, project="participation-portal")
    for unit in units:
        catalog.add(unit.source, unit.target,
                    context=f"{unit.kind}/{unit.object_id}/{unit.field}@{unit.revision}/{unit.base}",
                    auto_comments=[unit.label] if unit.label else ())
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False)
    return out.getvalue()


def read_po_file(data):
    """``(target language, units)`` of a PO file the portal wrote."""
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        raise BadFile("po") from error
    if catalog.locale is None:
        raise BadFile("language")
    units = []
    for message in catalog:
        if not message.id:
            continue  # the header
        match = CONTEXT.match(message.context or "")
        if match is None or isinstance(message.id, tuple):
            raise BadFile("context")
        units.append(Unit(match["kind"], int(match["object_id"]), match["field"],
                          int(match["revision"]), match["base"], message.id,
                          message.string or ""))
    return str(catalog.locale), units


FORMATS = {"xliff": (write_xliff, read_xliff, "xlf", "application/xliff+xml"),
           "po": (write_po_file, read_po_file, "po", "text/x-gettext-translation")}


def read_file(data):
    """Either format, told apart by its first bytes."""
    start = data.lstrip()[:100]
    if start.startswith(b"<?xml") or start.startswith(b"<"):
        return read_xliff(data)
    return read_po_file(data)
