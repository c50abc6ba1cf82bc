"""The one table model of the console: keys in display order plus a row cache, pushed or pulled, always diffed.

Every table in the console is a ``KeyedTableModel`` subclass that says its ``headers()`` and what each ``cell``
shows. Rows arrive in one of three ways:

- pushed: ``set_rows(rows)`` with a complete snapshot (the supervisor board, the unit board, small lists);
- pulled by key: ``load_by_key(worker, load_keys, load_rows)`` knows the whole ordered key list (one cheap query)
  and fetches rows page by page as the view scrolls (``canFetchMore``/``fetchMore``): the incident queues;
- pulled by page: ``load_by_page(worker, load_page)`` appends pages until a short one (the audit log, where
  counting every key first would be the slow part).

Whatever the way, a new snapshot is applied as a diff: rows that left are removed, new ones inserted, moved rows
keep their persistent indexes, so the selection and the current row survive a refresh. Only changed rows are
repainted; ``tick()`` repaints everything for columns computed from the clock. No query runs on the GUI thread:
pulled rows come through the worker's job queue, and answers of an outdated load are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from ui.worker import DbWorker

Index = QModelIndex | QPersistentModelIndex
PAGE = 100
KEY_ROLE = Qt.ItemDataRole.UserRole
"""The row's key (an incident id, a call id, a desk name) for views and tests."""


class KeyedTableModel(QAbstractTableModel):
    """Subclasses give ``headers()`` and ``cell(row, column, role)``; ``key(row)`` defaults to ``row.id``."""

    PUSH_BATCH: int | None = None
    """Show a pushed snapshot this many rows at a time (the view asks for more as it scrolls); None: all."""

    reloaded = Signal()
    """A load finished (the keys and the first rows are in)."""
    failed = Signal(object)
    """A load failed (the exception); the model keeps what it showed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown: list[Hashable] = []  # keys of the rows the view has, in order
        self._pending: list[Hashable] = []  # further keys known but not fetched yet (pulled by key)
        self._rows: dict[Hashable, Any] = {}
        self._worker: DbWorker | None = None
        self._load_keys: Callable[[], Sequence[Hashable]] | None = None
        self._load_rows: Callable[[list[Any]], Sequence[Any]] | None = None
        self._load_page: Callable[[int, int], Sequence[Any]] | None = None
        self._page = PAGE
        self._exhausted = True
        self._generation = 0
        self._fetching = False
        self.loading = False

    # -- what subclasses say ------------------------------------------------------------------------------

    def headers(self) -> Sequence[str]:
        raise NotImplementedError

    def header_tips(self) -> Sequence[str]:
        return ()

    def key(self, row: Any) -> Hashable:
        return row.id  # type: ignore[no-any-return]

    def cell(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    def still_listed(self, row: Any) -> bool:
        """Whether a refreshed row still belongs in this list (a closed incident leaves an open-incident list)."""
        return True

    # -- reading --------------------------------------------------------------------------------------------

    def total(self) -> int:
        """Rows in the list, fetched or not."""
        return len(self._shown) + len(self._pending)

    def key_at(self, row: int) -> Any:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_at(self, row: int) -> Any:
        key = self.key_at(row)
        return None if key is None else self._rows.get(key)

    def row_of(self, key: Hashable) -> int | None:
        try:
            return self._shown.index(key)
        except ValueError:
            return None

    def shown_keys(self) -> list[Any]:
        return list(self._shown)

    # -- pushed ---------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        """A complete snapshot, applied as a diff: every row shown (or, with ``PUSH_BATCH``, as many as were
        shown and at least a batch, the rest as the view scrolls)."""
        self._generation += 1  # a pulled load still on its way is outdated now
        keys = [self.key(row) for row in rows]
        shown = len(keys) if self.PUSH_BATCH is None else max(self.PUSH_BATCH, len(self._shown))
        self._apply(keys[:shown], {self.key(row): row for row in rows}, keys[shown:])
        self._exhausted = True
        self.reloaded.emit()

    # -- pulled ---------------------------------------------------------------------------------------------

    def load_by_key(self, worker: DbWorker, load_keys: Callable[[], Sequence[Hashable]],
                    load_rows: Callable[[list[Any]], Sequence[Any]], *, page: int | None = None) -> None:
        """Pull rows through ``worker``: ``load_keys()`` gives the ordered keys, ``load_rows(keys)`` their rows.
        Both run on the worker's thread, so they must read only plain values (never a widget)."""
        self._worker, self._load_keys, self._load_rows, self._load_page = worker, load_keys, load_rows, None
        self._page = page or PAGE

    def load_by_page(self, worker: DbWorker, load_page: Callable[[int, int], Sequence[Any]], *,
                     page: int | None = None) -> None:
        """Pull rows through ``worker`` a page at a time: ``load_page(offset, limit)``; a short page ends it."""
        self._worker, self._load_keys, self._load_rows, self._load_page = worker, None, None, load_page
        self._page = page or PAGE

    def reload(self) -> None:
        """Load the list again (at least one page, and as many rows as are shown), applied as a diff."""
        worker = self._worker
        if worker is None:
            return
        self._generation += 1
        generation = self._generation
        keep = max(self._page, len(self._shown))
        self.loading = True
        if self._load_page is not None:
            load_page = self._load_page
            worker.run(self, lambda: load_page(0, keep), lambda rows: self._paged_reload(generation, keep, rows),
                       self._load_failed)
            return
        load_keys, load_rows = self._load_keys, self._load_rows
        assert load_keys is not None and load_rows is not None

        def job() -> tuple[list[Hashable], Sequence[Any]]:
            keys = list(load_keys())
            return keys, load_rows(keys[:keep])

        worker.run(self, job, lambda result: self._keyed_reload(generation, keep, result), self._load_failed)

    def _keyed_reload(self, generation: int, keep: int, result: tuple[list[Hashable], Sequence[Any]]) -> None:
        if generation != self._generation:
            return  # a newer load (another search) is on its way
        keys, rows = result
        found = {self.key(row): row for row in rows}
        head = [key for key in keys[:keep] if key in found]  # a key deleted between the two queries drops out
        self._apply(head, found, keys[keep:])
        self._exhausted = True
        self._finish_load()

    def _paged_reload(self, generation: int, keep: int, rows: Sequence[Any]) -> None:
        if generation != self._generation:
            return
        self._apply([self.key(row) for row in rows], {self.key(row): row for row in rows}, [])
        self._exhausted = len(rows) < keep
        self._finish_load()

    def _finish_load(self) -> None:
        self._fetching = False
        self.loading = False
        self.reloaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self.loading = False
        self._fetching = False
        self.failed.emit(error)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        if parent.isValid() or self._fetching:
            return False
        return bool(self._pending) if self._load_page is None else not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        if self._load_page is not None:
            assert self._worker is not None
            load_page, offset, limit = self._load_page, len(self._shown), self._page
            self._worker.run(self, lambda: load_page(offset, limit),
                             lambda rows: self._append(generation, None, rows, len(rows) < limit),
                             self._load_failed)
            return
        batch = self._pending[: self.PUSH_BATCH or self._page]
        if all(key in self._rows for key in batch):  # a pushed snapshot's rows are here already
            self._append(generation, batch, [self._rows[key] for key in batch], False)
            return
        load_rows = self._load_rows
        assert self._worker is not None and load_rows is not None
        self._worker.run(self, lambda: load_rows(batch), lambda rows: self._append(generation, batch, rows, False),
                         self._load_failed)

    def _append(self, generation: int, asked: list[Hashable] | None, rows: Sequence[Any], last: bool) -> None:
        if generation != self._generation or (asked is not None and self._pending[: len(asked)] != asked):
            self._fetching = False
            return  # the list was rebuilt meanwhile; the view will ask again
        found = {self.key(row): row for row in rows}
        if asked is not None:
            new = [key for key in asked if key in found]  # keys that vanished meanwhile drop out
            del self._pending[: len(asked)]
        else:
            shown = set(self._shown)
            new = [key for key in found if key not in shown]
            self._exhausted = last
        if new:
            # Still "fetching" while rows go in: a view (or the model tester) asking for more from inside the
            # insert signals must not fetch this page twice.
            start = len(self._shown)
            self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
            self._rows.update({key: found[key] for key in new})
            self._shown.extend(new)
            self.endInsertRows()
        self._fetching = False

    def refresh(self, keys: Sequence[Hashable]) -> None:
        """Re-read the shown rows among ``keys`` in place. A key this list does not hold may now belong in it
        (reassigned to me, matches the search): then the whole list is loaded again."""
        if self._worker is None or self._load_rows is None:
            self.reload()
            return
        known = set(self._shown) | set(self._pending)
        if any(key not in known for key in keys):
            self.reload()
            return
        wanted = [key for key in keys if key in self._rows]
        if not wanted:
            return
        generation, load_rows = self._generation, self._load_rows
        self._worker.run(self, lambda: load_rows(wanted), lambda rows: self._refreshed(generation, wanted, rows),
                         self._load_failed)

    def _refreshed(self, generation: int, wanted: list[Hashable], rows: Sequence[Any]) -> None:
        if generation != self._generation:
            return
        found = {self.key(row): row for row in rows}
        if any(key not in found for key in wanted) or not all(self.still_listed(row) for row in found.values()):
            self.reload()  # a row left the list (closed, reassigned, deleted): the order must be rebuilt
            return
        self._apply(list(self._shown), {**self._rows, **found}, list(self._pending))

    # -- the diff -------------------------------------------------------------------------------------------

    def _apply(self, new_keys: list[Hashable], rows: dict[Hashable, Any], pending: list[Hashable]) -> None:
        """Make the shown rows ``new_keys`` (their rows in ``rows``) with as few signals as it takes."""
        old_rows = self._rows
        wanted = set(new_keys)
        self._rows = {**old_rows, **rows}  # old and new rows both readable while rows move
        end = len(self._shown) - 1
        while end >= 0:  # departed rows go first, contiguous runs at a time, from the bottom up
            if self._shown[end] in wanted:
                end -= 1
                continue
            start = end
            while start > 0 and self._shown[start - 1] not in wanted:
                start -= 1
            self.beginRemoveRows(QModelIndex(), start, end)
            del self._shown[start:end + 1]
            self.endRemoveRows()
            end = start - 1
        present = set(self._shown)
        added = [key for key in new_keys if key not in present]
        if added:
            first = len(self._shown)
            self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
            self._shown.extend(added)
            self.endInsertRows()
        if self._shown != new_keys:  # same rows, another order: move the persistent indexes with them
            self.layoutAboutToBeChanged.emit()
            position = {key: row for row, key in enumerate(new_keys)}
            old = self._shown
            persistent = self.persistentIndexList()
            moved = [self.createIndex(position[old[index.row()]], index.column()) for index in persistent]
            self._shown = list(new_keys)
            self.changePersistentIndexList(persistent, moved)
            self.layoutChanged.emit()
        # Rows of pending keys stay cached only when this snapshot brought them (pushed in batches).
        self._rows = {key: self._rows[key] for key in new_keys} | {key: rows[key] for key in pending if key in rows}
        self._pending = pending
        changed = [row for row, key in enumerate(self._shown) if key in old_rows and old_rows[key] != self._rows[key]]
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), self.columnCount() - 1))

    def tick(self, roles: Sequence[int] = ()) -> None:
        """Time moved on: repaint every cell (columns computed from the clock), with no database work."""
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, self.columnCount() - 1),
                                  list(roles))

    # -- Qt's model API -------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = self.header_tips()
            return (tips[section] or None) if 0 <= section < len(tips) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown) \
                or not 0 <= index.column() < self.columnCount():
            return None
        key = self._shown[index.row()]
        if role == KEY_ROLE:
            return key
        return self.cell(self._rows[key], index.column(), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class SimpleTableModel(KeyedTableModel):
    """A small pushed table whose cells are text: ``cell_text(row, column)`` for display and tooltip, keyed by
    ``key(row)`` (default ``row.id``)."""

    def __init__(self, headers: Sequence[str], cell_text: Callable[[Any, int], str], parent: QObject | None = None,
                 *, key: Callable[[Any], Hashable] | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._cell_text = cell_text
        self._key = key

    def headers(self) -> Sequence[str]:
        return self._headers

    def key(self, row: Any) -> Hashable:
        return self._key(row) if self._key is not None else super().key(row)

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell_text(row, column)
        return None
