"""Small-cell suppression of a published table, with the secondary suppression that keeps a
hidden cell from being worked out from the rest.

Pure: no Django import (scipy's linear programming is the only tool). One module for the
pages, the exports and the annual report.

A table is a grid of counts with its row totals, column totals and grand total. Primary
suppression hides every published number from 1 to 4 (zero is published: it points at
nobody). Secondary suppression then hides more until no hidden number can be recovered:

1. every row and column (totals included) with a hidden number gets at least a second one
   (the smallest other non-zero number of the line, inner cells before the total);
2. an attacker's view is checked: for each hidden number, the smallest and the largest value
   it can take given everything published (non-negative counts, rows and columns adding up to
   their totals) are computed by linear programming; where they meet, the number is
   recoverable, and the smallest visible non-zero number in one of its lines is hidden too.
   Repeat until every hidden number can take more than one value.

Totals counted as distinct persons need not equal the sum of their cells (a person in two
categories is one person in the total). The check then uses what still holds: each cell is
at most its line's total, and the cells of a line add up to at least the total.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

SMALL_CELL = 5  # published counts below this (and above zero) are hidden
_TOLERANCE = 1e-6

Position = tuple[int, int]  # (row, column) in the grid with totals: row r / column c are totals


@dataclass
class SuppressedTable:
    """The grid with totals: `values[i][j]` for i < rows, j < columns are the cells, column
    `columns` holds the row totals, row `rows` the column totals and the grand total."""

    rows: int
    columns: int
    values: list[list[int]]
    hidden: set[Position] = field(default_factory=set)
    primary: set[Position] = field(default_factory=set)

    def published(self, i: int, j: int) -> int | None:
        """The number as published, None where it is hidden."""
        return None if (i, j) in self.hidden else self.values[i][j]

    def cell(self, i: int, j: int) -> int | None:
        return self.published(i, j)

    def row_total(self, i: int) -> int | None:
        return self.published(i, self.columns)

    def column_total(self, j: int) -> int | None:
        return self.published(self.rows, j)

    @property
    def total(self) -> int | None:
        return self.published(self.rows, self.columns)

    @property
    def secondary(self) -> set[Position]:
        return self.hidden - self.primary


def grid_with_totals(
    cells: list[list[int]], row_totals: list[int], column_totals: list[int], total: int
) -> list[list[int]]:
    return [
        *[[*row, row_total] for row, row_total in zip(cells, row_totals, strict=True)],
        [*column_totals, total],
    ]


def suppress(
    cells: list[list[int]],
    row_totals: list[int] | None = None,
    column_totals: list[int] | None = None,
    total: int | None = None,
    *,
    threshold: int = SMALL_CELL,
) -> SuppressedTable:
    """Suppress the table `cells` (rows by columns) with its totals (the sums where not given)."""
    rows = len(cells)
    columns = len(cells[0]) if rows else 0
    row_totals = row_totals if row_totals is not None else [sum(row) for row in cells]
    column_totals = (
        column_totals
        if column_totals is not None
        else [sum(cells[i][j] for i in range(rows)) for j in range(columns)]
    )
    total = total if total is not None else sum(row_totals)
    values = grid_with_totals(cells, row_totals, column_totals, total)
    table = SuppressedTable(rows=rows, columns=columns, values=values)
    table.primary = {
        (i, j) for i in range(rows + 1) for j in range(columns + 1) if 0 < values[i][j] < threshold
    }
    table.hidden = set(table.primary)
    if not table.hidden:
        return table
    while True:
        changed = _pair_lines(table)
        if not changed:
            recoverable = [
                position for position in sorted(table.hidden) if _determined(table, position)
            ]
            for position in recoverable:
                partner = _partner(table, position)
                if partner is not None:
                    table.hidden.add(partner)
                    changed = True
                    break
        if not changed:
            return table


def _lines(table: SuppressedTable) -> list[list[Position]]:
    """Every row and every column of the grid, totals included."""
    rows = [[(i, j) for j in range(table.columns + 1)] for i in range(table.rows + 1)]
    columns = [[(i, j) for i in range(table.rows + 1)] for j in range(table.columns + 1)]
    return rows + columns


def _is_total(table: SuppressedTable, position: Position) -> bool:
    return position[0] == table.rows or position[1] == table.columns


def _smallest_visible(table: SuppressedTable, line: list[Position]) -> Position | None:
    candidates = [p for p in line if p not in table.hidden and table.values[p[0]][p[1]] > 0]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda p: (_is_total(table, p), table.values[p[0]][p[1]], p),
    )


def _pair_lines(table: SuppressedTable) -> bool:
    """Give every line with exactly one hidden number a second one."""
    changed = False
    for line in _lines(table):
        hidden = [p for p in line if p in table.hidden]
        if len(hidden) == 1:
            partner = _smallest_visible(table, line)
            if partner is not None:
                table.hidden.add(partner)
                changed = True
    return changed


def _partner(table: SuppressedTable, position: Position) -> Position | None:
    i, j = position
    row = [(i, k) for k in range(table.columns + 1)]
    column = [(k, j) for k in range(table.rows + 1)]
    options = [p for p in (_smallest_visible(table, row), _smallest_visible(table, column)) if p]
    if not options:
        return None
    return min(options, key=lambda p: (_is_total(table, p), table.values[p[0]][p[1]], p))


def is_additive(values: list[list[int]], rows: int, columns: int) -> bool:
    return all(sum(values[i][:columns]) == values[i][columns] for i in range(rows + 1)) and all(
        sum(values[i][j] for i in range(rows)) == values[rows][j] for j in range(columns + 1)
    )


def bounds(table: SuppressedTable, position: Position) -> tuple[float, float]:
    """The smallest and largest value the hidden number at `position` can take, given what is
    published (the attacker's view, by linear programming)."""
    hidden = sorted(table.hidden)
    index = {p: k for k, p in enumerate(hidden)}
    values = table.values
    additive = is_additive(values, table.rows, table.columns)
    a_eq: list[list[float]] = []
    b_eq: list[float] = []
    a_ub: list[list[float]] = []
    b_ub: list[float] = []

    def add(cells: list[Position], total: Position) -> None:
        # sum(cells) == total (additive) or sum(cells) >= total and each cell <= total
        row = [0.0] * len(hidden)
        known = 0.0
        for p in cells:
            if p in index:
                row[index[p]] += 1
            else:
                known += values[p[0]][p[1]]
        total_row = [0.0] * len(hidden)
        total_known = 0.0
        if total in index:
            total_row[index[total]] = 1
        else:
            total_known = values[total[0]][total[1]]
        combined = [a - b for a, b in zip(row, total_row, strict=True)]
        if additive:
            a_eq.append(combined)
            b_eq.append(total_known - known)
            return
        a_ub.append([-x for x in combined])
        b_ub.append(known - total_known)
        for p in cells:  # a cell is at most its line's total
            if p not in index and total not in index:
                continue
            single = [0.0] * len(hidden)
            if p in index:
                single[index[p]] += 1
            if total in index:
                single[index[total]] -= 1
            cell_known = 0 if p in index else values[p[0]][p[1]]
            a_ub.append(single)
            b_ub.append(total_known - cell_known)

    for i in range(table.rows + 1):
        add([(i, j) for j in range(table.columns)], (i, table.columns))
    for j in range(table.columns + 1):
        add([(i, j) for i in range(table.rows)], (table.rows, j))
    objective = np.zeros(len(hidden))
    objective[index[position]] = 1
    result = []
    for sign in (1, -1):
        solved = linprog(
            sign * objective,
            A_ub=np.array(a_ub) if a_ub else None,
            b_ub=np.array(b_ub) if b_ub else None,
            A_eq=np.array(a_eq) if a_eq else None,
            b_eq=np.array(b_eq) if b_eq else None,
            bounds=[(0, None)] * len(hidden),
            method="highs",
        )
        if solved.status == 3:  # unbounded above: certainly not determined
            result.append(float("inf"))
            continue
        if solved.status != 0:
            raise ValueError(f"inconsistent table: {solved.message}")
        result.append(sign * solved.fun)
    return result[0], result[1]


def _determined(table: SuppressedTable, position: Position) -> bool:
    low, high = bounds(table, position)
    return high - low < 1 - _TOLERANCE
