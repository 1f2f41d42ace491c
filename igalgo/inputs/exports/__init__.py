"""Readers of an account's own Instagram history: export files to published posts.

:func:`read_exports` reads Meta Business Suite content exports (CSV, any language of
:mod:`~igalgo.inputs.exports.aliases`), Graph API media with insights (JSON) and the insights
of "Download your information" (JSON) into :class:`~igalgo.domain.PublishedPost` records,
or raises :class:`~igalgo.errors.InputError` with every located problem.
"""

from igalgo.inputs.exports.codes import (
    EXPORT_ERROR_CODE_MEANINGS,
    MAX_EXPORT_BYTES,
    ExportErrorCode,
    Notice,
    WarningCode,
)
from igalgo.inputs.exports.model import ExportFile, ExportKind, ExportReading
from igalgo.inputs.exports.reading import read_exports

__all__ = [
    "EXPORT_ERROR_CODE_MEANINGS",
    "MAX_EXPORT_BYTES",
    "ExportErrorCode",
    "ExportFile",
    "ExportKind",
    "ExportReading",
    "Notice",
    "WarningCode",
    "read_exports",
]
