"""Small-cell suppression: nothing below five persons is published, and no hidden number can be
worked out from the published rest, checked by an attacker who tries every completion."""

from __future__ import annotations

import random

from wegweiser.reporting.suppression import SMALL_CELL, suppress


def _completions(table):
    """Every way to fill the hidden inner cells with whole numbers that agrees with every
    published number: an attacker's exhaustive search, independent of the module's linear
    programming (cells filled row by row, a branch dropped as soon as a published row or
    column total is exceeded or missed). Yields the full grid with totals."""
    rows, columns = table.rows, table.columns
    known = {
        (i, j): table.values[i][j]
        for i in range(rows + 1)
        for j in range(columns + 1)
        if (i, j) not in table.hidden
    }
    ceiling = known.get((rows, columns), sum(table.values[rows][:columns]) + 40)
    cells = [[0] * columns for _ in range(rows)]

    def column_ok(j, upto_row, complete):
        if (rows, j) not in known:
            return True
        partial = sum(cells[i][j] for i in range(upto_row + 1))
        return partial == known[(rows, j)] if complete else partial <= known[(rows, j)]

    def fill(k):
        if k == rows * columns:
            grid = [[*row, sum(row)] for row in cells]
            grid.append([sum(cells[i][j] for i in range(rows)) for j in range(columns)])
            grid[-1].append(sum(grid[-1]))
            if all(grid[i][j] == value for (i, j), value in known.items()):
                yield grid
            return
        i, j = divmod(k, columns)
        options = [known[(i, j)]] if (i, j) in known else range(ceiling + 1)
        for value in options:
            cells[i][j] = value
            row_sum = sum(cells[i][: j + 1])
            if (i, columns) in known:
                target = known[(i, columns)]
                if row_sum > target or (j == columns - 1 and row_sum != target):
                    continue
            if not column_ok(j, i, i == rows - 1):
                continue
            yield from fill(k + 1)
        cells[i][j] = 0

    yield from fill(0)


def _recoverable(table):
    possible: dict[tuple[int, int], set[int]] = {p: set() for p in table.hidden}
    for grid in _completions(table):
        for i, j in table.hidden:
            possible[(i, j)].add(grid[i][j])
    return {p for p, values in possible.items() if len(values) < 2}


def test_one_small_cell_hides_a_rectangle():
    table = suppress([[3, 10], [12, 20]])
    # 3 is small; its row, its column and then the opposite corner must go too.
    assert table.cell(0, 0) is None
    assert {(0, 0), (0, 1), (1, 0), (1, 1)} <= table.hidden
    assert table.total == 45
    assert table.row_total(0) == 13 and table.column_total(0) == 15
    assert not _recoverable(table)


def test_a_small_total_is_hidden_with_its_cells():
    table = suppress([[1, 2], [30, 40]])
    assert table.row_total(0) is None
    assert table.cell(0, 0) is None and table.cell(0, 1) is None
    assert not _recoverable(table)


def test_zero_is_published_and_a_table_without_small_cells_is_untouched():
    table = suppress([[0, 10], [12, 20]])
    assert not table.hidden
    assert table.cell(0, 0) == 0


def test_a_single_cell_table_hides_its_total_too():
    table = suppress([[4]])
    assert table.cell(0, 0) is None and table.total is None


def test_no_suppressed_cell_can_be_recovered_from_random_tables():
    generator = random.Random(16)
    checked = 0
    for _ in range(70):
        rows, columns = generator.choice([(2, 2), (2, 3), (3, 2), (3, 3)])
        cells = [
            [generator.choice([0, 1, 2, 3, 4, 5, 6, 8, 9]) for _j in range(columns)]
            for _i in range(rows)
        ]
        table = suppress(cells)
        published = [
            table.values[i][j]
            for i in range(rows + 1)
            for j in range(columns + 1)
            if (i, j) not in table.hidden
        ]
        assert all(value == 0 or value >= SMALL_CELL for value in published)
        hidden_inner = sum(1 for i, j in table.hidden if i < rows and j < columns)
        if hidden_inner > 6:  # the brute force would take too long; the others suffice
            continue
        assert not _recoverable(table), (cells, sorted(table.hidden))
        checked += 1
    assert checked > 30


def test_totals_counted_as_distinct_persons_are_protected_too():
    # A person in two columns is one person in the row total: totals below the sums.
    table = suppress([[3, 9], [7, 8]], row_totals=[10, 15], column_totals=[10, 17], total=24)
    assert table.cell(0, 0) is None
    assert len(table.hidden) >= 4
