"""Text made safe for XML 1.0, shared by every XML writer (.qdpx, .qdc, GraphML, GEXF). No Django here.

XML 1.0 forbids most C0 control characters and U+FFFE/U+FFFF. Pasted text brings them (Word's
manual line break is a vertical tab): lxml then refuses to build the document, ElementTree writes
a file no reader accepts. Each is replaced by U+FFFD, one for one, so lengths and the offsets of
quotes into a text stay as they were.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD (length-preserving)."""
    return XML_FORBIDDEN.sub(REPLACEMENT, text)


def xml_safe_tree(root: ET.Element) -> ET.Element:
    """An ElementTree subtree with its texts, tails and attribute values made XML-safe, in place."""
    for node in root.iter():
        if node.text:
            node.text = xml_safe(node.text)
        if node.tail:
            node.tail = xml_safe(node.tail)
        for name, value in node.attrib.items():
            node.attrib[name] = xml_safe(value)
    return root
