"""Notes on values written the old way that still load, saying what to write instead
(``igalgo validate`` prints them)."""

from __future__ import annotations

from igalgo.inputs.nodes import MappingNode, Node, ScalarNode, SequenceNode


def old_way_notes(root: MappingNode, name: str) -> tuple[str, ...]:
    """A note for each draft that says ``audio: none``, read as ``muted: true`` since model v3
    (docs/model.md)."""
    notes: list[str] = []
    drafts = next((value for key, value in root.pairs if _text(key) == "drafts"), None)
    if not isinstance(drafts, SequenceNode):
        return ()
    for index, draft in enumerate(drafts.items):
        if not isinstance(draft, MappingNode):
            continue
        for key, value in draft.pairs:
            if _text(key) == "audio" and _text(value) == "none":
                where = f"{name}:{value.line}:{value.column}"
                notes.append(
                    f"{where}: note: drafts[{index}].audio: `audio: none` is read as "
                    "`muted: true`; write `muted: true` instead"
                )
    return tuple(notes)


def _text(node: Node) -> str | None:
    """A scalar's text; None for a list or mapping."""
    return node.text if isinstance(node, ScalarNode) else None
