"""The drill app's garbage collection: off while it starts, then only when it is idle."""

import gc
import weakref
from collections.abc import Iterator

import pytest

from drillcards.tui import heap


class Node:
    """An object that can be put in a reference cycle and watched."""

    partner: "Node | None" = None


@pytest.fixture
def collector() -> Iterator[None]:
    """Give the collector back as it was after a test that takes it over."""
    threshold = gc.get_threshold()
    yield
    heap._taken_over = False
    gc.unfreeze()
    gc.set_threshold(*threshold)
    gc.enable()


def _cycle() -> weakref.ref[Node]:
    """A reference cycle nothing else refers to, and a weak reference to watch it."""
    node, other = Node(), Node()
    node.partner, other.partner = other, node
    return weakref.ref(node)


def test_nothing_changes_unless_the_app_took_the_collector_over(collector: None) -> None:
    frozen = gc.get_freeze_count()
    threshold = gc.get_threshold()
    heap.settle()
    heap.collect()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    assert gc.get_threshold() == threshold


def test_off_from_take_over_on_again_at_settle_past_the_backstop(collector: None) -> None:
    frozen = gc.get_freeze_count()
    heap.take_over()
    assert not gc.isenabled()
    heap.settle()
    assert gc.isenabled()
    assert gc.get_threshold()[0] == heap.BACKSTOP
    assert gc.get_freeze_count() > frozen  # every object alive, this test's included


def test_collect_frees_the_cycles_left_while_the_collector_was_off(collector: None) -> None:
    heap.take_over()
    watched = _cycle()
    assert watched() is not None  # reference counting cannot free a cycle
    heap.collect()
    assert watched() is None
