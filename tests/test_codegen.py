"""Generated code: compiled once, and its source shown wherever Python shows source."""

# ruff: noqa: SLF001 - the converter builds its generated code on first use, privately

from __future__ import annotations

import inspect
import linecache
import traceback

import pytest

from gkdisclosure._codegen import compile_function
from gkdisclosure.catalog import Edition
from gkdisclosure.converter import _generated, _json
from gkdisclosure.rules._compile import compile_checker


def test_the_function_is_defined_in_the_namespace_given() -> None:
    """The generated function sees the names its caller put in its globals."""
    double = compile_function(
        "def double(x):\n    return factor * x\n", "double", "test", {"factor": 2}
    )
    assert double(21) == 42
    assert double.__doc__ == "def double(x):\n    return factor * x\n"


def test_the_source_is_registered_with_linecache() -> None:
    """linecache, and so inspect, return the generated lines."""
    source = "def answer():\n    return 42\n"
    answer = compile_function(source, "answer", "test", {})
    filename = answer.__code__.co_filename
    assert linecache.getline(filename, 2) == "    return 42\n"
    assert inspect.getsource(answer) == source


def test_a_traceback_shows_the_generated_line() -> None:
    """An exception raised inside generated code is reported with the line that raised it."""
    fail = compile_function("def fail(x):\n    return 1 // x\n", "fail", "test", {})
    with pytest.raises(ZeroDivisionError) as info:
        fail(0)
    printed = "".join(traceback.format_exception(info.value))
    assert "return 1 // x" in printed


def test_two_functions_for_the_same_purpose_keep_their_own_source() -> None:
    """Each compilation gets its own file name, so a later one never hides an earlier one."""
    one = compile_function("def f():\n    return 1\n", "f", "same", {})
    two = compile_function("def f():\n    return 2\n", "f", "same", {})
    assert one.__code__.co_filename != two.__code__.co_filename
    assert inspect.getsource(one) != inspect.getsource(two)


def test_linecache_keeps_the_source_when_it_checks_for_stale_files() -> None:
    """``linecache.checkcache`` (run by every traceback) leaves generated sources in place."""
    keep = compile_function("def keep():\n    return 0\n", "keep", "test", {})
    linecache.checkcache()
    assert linecache.getline(keep.__code__.co_filename, 1) == "def keep():\n"


def test_the_library_s_generated_code_shows_its_source() -> None:
    """The rules' checkers and the converter's structuring code are all inspectable."""
    checker = compile_checker("requests", [], blank_as_zero=False)
    assert inspect.getsource(checker).startswith("def check(t, out_list):")
    read = _generated.report_reader(Edition.E2021, _json._machinery().fast)
    assert inspect.getsource(read).startswith("def read(o):")
