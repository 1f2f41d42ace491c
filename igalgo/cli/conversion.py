"""Typer commands whose option values igalgo converts itself, without pydantic.

Typer 0.29 converts every parameter value through a pydantic adapter, whose imports and
schema building are a noticeable part of a short run. It keeps a parameter's converter in the
private attribute ``_runtime_param`` until first use; :class:`Command` and :class:`Group` put
a :class:`Converter` there, before typer parses, for the kinds :mod:`igalgo.cli.values`
handles. pyproject.toml pins typer to the releases with that attribute
and tests/cli/test_typer_contract.py fails, saying so, on any other
(docs/decisions/0041-typer-values-without-pydantic.md).

Commands also turn a closed standard output into :class:`~igalgo.errors.OutputClosedError`
before typer sees it (typer would exit 1 on it, the code of a failed gate), while they run and
while they print their help, so :func:`igalgo.cli.app.main` decides.
"""

from __future__ import annotations

from typing import Any

import typer
import typer.core

from igalgo.cli.values import ValueKind, value_kind
from igalgo.errors import OutputClosedError

SUPPORTED_TYPER = ((0, 29), (0, 30))
"""The typer releases (from, before) whose private ``_runtime_param`` this module fills;
pyproject.toml pins the same range."""


class Converter:
    """Converts one parameter's value with :mod:`igalgo.cli.values` instead of typer's
    pydantic adapters (the same contract as typer's runtime parameters)."""

    def __init__(self, kind: ValueKind) -> None:
        self.kind = kind

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        """The converted value; a usage error (exit 2) when it cannot be converted."""
        many = bool(param.multiple) or param.nargs == -1
        if value is None:
            return () if many else None
        if many and isinstance(value, str):
            raise typer.BadParameter("Value must be an iterable.", ctx=ctx, param=param)
        try:
            return self.kind.convert(value)
        except ValueError as error:
            raise typer.BadParameter(str(error), ctx=ctx, param=param) from None


def convert_without_pydantic(command: Any, ctx: Any) -> None:
    """Give each parameter of ``command`` a :class:`Converter` where igalgo handles its kind.

    A parameter that already has a converter, or a typer without ``_runtime_param``, is left
    alone, and so is any kind :func:`igalgo.cli.values.value_kind` does not handle.
    """
    for param in command.get_params(ctx):  # with the --help option typer adds
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        info = descriptor.parameter_info
        kind = value_kind(
            descriptor.annotation,
            minimum=getattr(info, "min", None),
            maximum=getattr(info, "max", None),
            clamp=bool(getattr(info, "clamp", False)),
            case_sensitive=bool(getattr(info, "case_sensitive", True)),
            dir_okay=bool(getattr(info, "dir_okay", True)),
            readable=bool(getattr(info, "readable", True)),
            path_checks=bool(
                getattr(info, "exists", False)
                or not getattr(info, "file_okay", True)
                or getattr(info, "writable", False)
                or getattr(info, "resolve_path", False)
                or getattr(info, "path_type", None) is not None
            ),
            parser=getattr(info, "parser", None),
        )
        if kind is not None:
            param._runtime_param = Converter(kind)


def name_arguments_plainly(command: Any) -> None:
    """Show each argument of ``command`` in help as its metavar alone: ``FILE...`` in the
    usage line and ``FILE...`` in the argument list, where typer 0.29 writes ``{FILE}...``
    and ``FILE <list[str]>``. Parsing is not touched."""
    for param in command.params:
        if not isinstance(param, typer.core.TyperArgument) or param.metavar is None:
            continue
        dots = "..." if param.nargs != 1 else ""
        shown = param.metavar + dots if param.required else f"[{param.metavar}]{dots}"
        # Instance attributes in place of typer's methods, for this parameter only.
        vars(param).update(
            display_type_rich=lambda ctx: None,
            _rich_display_name=lambda shown=shown: shown,
            _usage_display_name=lambda shown=shown: shown,
        )


class _Converting:
    """Parsing that installs the converters first; mixed into :class:`Command` and
    :class:`Group` before typer's class (which mypy cannot see behind ``super()`` here, hence
    the ``type: ignore[misc]``)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Install the converters, then parse as typer does (``--help`` prints here)."""
        convert_without_pydantic(self, ctx)
        try:
            result: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except BrokenPipeError:
            raise OutputClosedError() from None
        return result


class Command(_Converting, typer.core.TyperCommand):
    """A typer command whose values igalgo converts itself and whose arguments read in help
    as their metavars; help, parsing and errors otherwise stay typer's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_arguments_plainly(self)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a closed standard output becomes OutputClosedError."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise OutputClosedError() from None


class Group(_Converting, typer.core.TyperGroup):
    """The ``igalgo`` group, whose own options (``--version``) are converted as in
    :class:`Command`."""
