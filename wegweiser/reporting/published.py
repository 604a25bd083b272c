"""What a published table shows: small cells suppressed, and a second cell withheld where the
total would give a single suppressed cell away.

Pure: no Django import, so that every output (page, PDF, CSV, XLSX) applies the same rule.
"""

from __future__ import annotations

from collections.abc import Sequence

SMALL_CELL = 5  # published figures suppress cells of fewer than five persons
SMALL = f"<{SMALL_CELL}"
WITHHELD = "."  # withheld (Destatis sign for "secret") so the total does not give a small cell away

Cell = int | str


def is_small(value: int) -> bool:
    return 0 < value < SMALL_CELL


def published_cell(value: int) -> Cell:
    return SMALL if is_small(value) else value


def published_column(values: Sequence[int], *, with_total: bool = True) -> list[Cell]:
    """The cells of a breakdown whose total is published: each small cell as "<5"; if just one
    cell is small and the total is shown, the smallest other non-zero cell is withheld too,
    or total minus the others would give the small one away."""
    cells: list[Cell] = [published_cell(v) for v in values]
    hidden = [i for i, cell in enumerate(cells) if cell == SMALL]
    if with_total and len(hidden) == 1:
        others = [i for i, v in enumerate(values) if i not in hidden and v > 0]
        if others:
            cells[min(others, key=lambda i: (values[i], i))] = WITHHELD
    return cells


def is_suppressed(cell: Cell) -> bool:
    return cell in (SMALL, WITHHELD)
