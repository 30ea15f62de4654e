"""The data handed to pydantic in pieces of a bounded size, so that the errors of a
broken file are read as they come and reading stops once the report is full.

pydantic builds every error of one validation before the first can be read, and a
file's errors grow with it: 300,000 empty entries under `sources:` (4 MB) made 1.5
million errors, 1.6 GB. Here every collection the format declares (the sections, a
position's evidence, a party's members, a person's aliases) and every mapping's unknown
keys are cut into runs of about BUDGET nodes, each validated on its own, wherever they
are; the errors are the same, at the same locations, as one whole validation's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationError

from tui.model.schema import PositionsFileModel

BUDGET = 2000
"""Nodes handed to pydantic in one call. pydantic builds every error of a call before the
first can be read (300,000 empty sources made 1.5 million errors: 1.6 GB), so the data
goes to it in pieces of about this many nodes, and the caller stops reading once its
report is full (MAX_SHOWN). A piece's errors are bounded by its nodes: a few MB at most."""


def validation_errors(raw: dict[str, Any]) -> Iterator[Any]:
    """pydantic's errors for `raw`, produced a piece at a time (see BUDGET).

    The pieces' errors together are those of one whole validation, at the same
    locations (tests/unit/test_load_bounds.py holds them equal), whatever the section,
    however deep: a mapping of a million sources, one position with a million evidence
    items, a million unknown keys in `summit`.
    """
    for piece in _pieces(PositionsFileModel, raw, ()):
        yield from piece.errors()


class _Piece:
    """A part of the data, the type it is validated as, and where its errors belong."""

    __slots__ = ("annotation", "loc", "offset", "taken_out", "value")

    def __init__(
        self,
        annotation: Any,
        value: Any,
        loc: tuple[Any, ...],
        offset: int | None = None,
        taken_out: frozenset[str] = frozenset(),
    ) -> None:
        self.annotation, self.value, self.loc = annotation, value, loc
        self.offset = offset
        """For a run of a list's items: the index of its first item in the list."""
        self.taken_out = taken_out
        """A model's fields validated as pieces of their own: None here, so what is said
        of the field itself is not said here but there."""

    def errors(self) -> Iterator[Any]:
        try:
            _adapter(self.annotation).validate_python(self.value)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc = tuple(error["loc"])
                if loc and self.offset is not None:
                    loc = (self.offset + int(loc[0]), *loc[1:])
                if len(loc) == 1 and loc[0] in self.taken_out:
                    continue
                yield {**error, "loc": (*self.loc, *loc)}


def _pieces(annotation: Any, value: Any, loc: tuple[Any, ...]) -> Iterator[_Piece]:
    """`value`, to be validated as `annotation`, in pieces of about BUDGET nodes."""
    if _weight(annotation, value, BUDGET) <= BUDGET:
        yield _Piece(annotation, value, loc)
        return
    kind, inner = _shape(annotation)
    if kind == "model" and isinstance(value, dict):
        yield from _model_pieces(inner, value, loc)
    elif kind == "list" and isinstance(value, list):
        yield from _run_pieces(annotation, inner, enumerate(value), loc, True)
    elif kind == "dict" and isinstance(value, dict):
        yield from _run_pieces(annotation, inner, value.items(), loc, False)
    else:  # pragma: no cover - only collections weigh more than one node
        yield _Piece(annotation, value, loc)


def _model_pieces(
    model: type[BaseModel], value: dict[str, Any], loc: tuple[Any, ...]
) -> Iterator[_Piece]:
    """A big mapping validated as `model`: what its fields hold (a list, a mapping, a
    model's mapping) each in pieces of its own, the rest (its scalars, and at most
    BUDGET unknown keys) as one piece, and the other unknown keys, BUDGET at a time,
    against a model that has no keys (pydantic's own `extra_forbidden`, at the same
    place)."""
    fields = model.model_fields
    kept = {key: item for key, item in value.items() if key in fields}
    unknown = [key for key in value if key not in fields]
    taken = [
        (name, annotation)
        for name, annotation in _nested(model)
        if _weight(annotation, kept.get(name), 1) > 1
    ]
    for name, _ in taken:
        kept[name] = None  # said at its own piece, so not here (see _Piece.taken_out)
    kept.update((key, value[key]) for key in unknown[:BUDGET])
    yield _Piece(model, kept, loc, taken_out=frozenset(name for name, _ in taken))
    for start in range(BUDGET, len(unknown), BUDGET):
        chunk = {key: value[key] for key in unknown[start : start + BUDGET]}
        yield _Piece(_NoKeys, chunk, loc)
    for name, annotation in taken:
        yield from _pieces(annotation, value[name], (*loc, name))


def _run_pieces(
    annotation: Any,
    inner: Any,
    items: Iterable[tuple[Any, Any]],
    loc: tuple[Any, ...],
    is_list: bool,
) -> Iterator[_Piece]:
    """A big list or mapping: runs of its items of about BUDGET nodes, and an item that is
    bigger on its own in pieces of its own (a mapping's key checked alone)."""
    run: list[tuple[Any, Any]] = []
    weight = 0

    def flush() -> _Piece:
        if is_list:
            return _Piece(annotation, [item for _, item in run], loc, offset=run[0][0])
        return _Piece(annotation, dict(run), loc)

    for key, item in items:
        heavy = _weight(inner, item, BUDGET)
        if run and weight + heavy > BUDGET:
            yield flush()
            run, weight = [], 0
        if heavy > BUDGET:
            if not is_list:
                yield _Piece(_keys_of(annotation), {key: None}, loc)
            yield from _pieces(inner, item, (*loc, key))
            continue
        run.append((key, item))
        weight += heavy
    if run:
        yield flush()


class _NoKeys(BaseModel):
    """A mapping with no keys allowed: each key given is pydantic's `extra_forbidden`."""

    model_config = ConfigDict(extra="forbid")


Kind = Literal["model", "list", "dict", "leaf"]


_shapes: dict[int, tuple[Any, tuple[Kind, Any]]] = {}


def _shape(annotation: Any) -> tuple[Kind, Any]:
    """What `annotation` validates: a model (and which), a list or a mapping (and the type
    of its items), or a leaf. `X | None` is X: None weighs one node anyway. Kept by the
    type's identity (its metadata need not be hashable)."""
    found = _shapes.get(id(annotation))
    if found is None:
        found = _shapes[id(annotation)] = (annotation, _shape_of(annotation))
    return found[1]


def _shape_of(annotation: Any) -> tuple[Kind, Any]:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, UnionType):
        others = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(others) == 1:
            return _shape_of(others[0])
        return "leaf", None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    if get_origin(annotation) is list:
        return "list", get_args(annotation)[0]
    if get_origin(annotation) is dict:
        return "dict", get_args(annotation)[1]
    return "leaf", None


@cache
def _nested(model: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    """The fields of `model` that hold more than one node (a list, a mapping, a model),
    with their types."""
    return tuple(
        (name, info.annotation)
        for name, info in model.model_fields.items()
        if _shape(info.annotation)[0] != "leaf"
    )


@cache
def _required(model: type[BaseModel]) -> int:
    return sum(info.is_required() for info in model.model_fields.values())


def _weight(annotation: Any, value: Any, cap: int) -> int:
    """About how many errors validating `value` as `annotation` can make: the nodes
    pydantic looks at, plus a model's required keys (each missing one is an error);
    counted until past `cap`."""
    kind, inner = _shape(annotation)
    if kind == "model" and isinstance(value, dict):
        total = 1 + len(value) + _required(inner)
        for name, field in _nested(inner):
            item = value.get(name)
            if item is not None:
                total += _weight(field, item, cap - total)
                if total > cap:
                    break
        return total
    if (kind == "list" and isinstance(value, list)) or (kind == "dict" and isinstance(value, dict)):
        total = 1 + len(value)
        if _shape(inner)[0] == "leaf" or total > cap:
            return total
        for item in value if isinstance(value, list) else value.values():
            total += _weight(inner, item, cap - total)
            if total > cap:
                break
        return total
    return 1


_adapters: dict[int, tuple[Any, Any]] = {}


def _adapter(annotation: Any) -> Any:
    """pydantic's validator for `annotation`, built once (kept by the type's identity)."""
    found = _adapters.get(id(annotation))
    if found is None:
        from pydantic import TypeAdapter

        found = _adapters[id(annotation)] = (annotation, TypeAdapter(annotation))
    return found[1]


_key_checks: dict[int, tuple[Any, Any]] = {}


def _keys_of(annotation: Any) -> Any:
    """`dict[K, Any]` for a `dict[K, V]`: a mapping whose keys alone are checked."""
    found = _key_checks.get(id(annotation))
    if found is None:
        while get_origin(annotation) is not dict:
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        key = get_args(annotation)[0]
        found = _key_checks[id(annotation)] = (annotation, dict[key, Any])  # type: ignore[valid-type]
    return found[1]
