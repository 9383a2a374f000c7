"""Docs tables are generated from the benchmark data, never copied by hand."""

import json

import pytest

from gridset.bench import docs


def test_committed_docs__match_benchmark_data():
    assert docs.stale_docs() == [], "run `python -m gridset.bench.docs` after `ape run bench`"


def test_gas_listing__renders_matching_keys_in_order():
    text = "x\n<!-- gas-table: A.* -->\nold\n<!-- /gas-table -->\ny"
    out = docs.render(text, {"A.f[1]": 1234, "B.g": 5, "A.g": 7}, {"circuits": []})
    assert out == (
        "x\n<!-- gas-table: A.* -->\n| call | gas |\n| --- | ---: |\n"
        "| `A.f[1]` | 1,234 |\n| `A.g` | 7 |\n<!-- /gas-table -->\ny"
    )


def test_gas_template__replaces_key_cells_and_keeps_labels():
    text = (
        "<!-- gas-table\n| op | ours | ref |\n|---|---:|---:|\n| swap | A.f / A.g | 9,999 |\n"
        "-->\n<!-- /gas-table -->"
    )
    out = docs.render(text, {"A.f": 1000, "A.g": 2}, {"circuits": []})
    assert out.endswith(
        "| op | ours | ref |\n|---|---:|---:|\n| swap | 1,000 / 2 | 9,999 |\n<!-- /gas-table -->"
    )


def test_zk_table__one_row_per_circuit():
    zk = {"circuits": [{"seats": 2, "verifierGas": 264484}, {"seats": 4, "verifierGas": 297908}]}
    out = docs.render("<!-- zk-table: seats verifierGas -->\n<!-- /zk-table -->", {}, zk)
    assert "| 2 | 264,484 |\n| 4 | 297,908 |" in out


def test_zk_table__ceremony_list__one_row_per_size():
    zk = {"circuits": [], "ceremony": [{"seats": 8, "verifySeconds": 51.6}]}
    out = docs.render("<!-- zk-table ceremony: seats verifySeconds -->\n<!-- /zk-table -->", {}, zk)
    assert "| households (seats) | verification s |\n| --- | ---: |\n| 8 | 51.6 |" in out


def test_zk_table__field_of_another_list__same_size_row_or_dash():
    zk = {
        "circuits": [{"seats": 8, "provingSeconds": 12.3}, {"seats": 16, "provingSeconds": 24.7}],
        "ceremony": [{"seats": 8, "provingSeconds": 4.2}, {"seats": 32, "provingSeconds": 9.0}],
    }
    text = "<!-- zk-table ceremony: seats provingSeconds circuits.provingSeconds -->\n"
    out = docs.render(text + "<!-- /zk-table -->", {}, zk)
    assert (
        "| households (seats) | proving s | proving s, demo keys |\n| --- | ---: | ---: |\n"
        "| 8 | 4.2 | 12.3 |\n| 32 | 9.0 | — |" in out
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<!-- gas-table: Nope.* -->\n<!-- /gas-table -->", "no gas figure matches 'Nope.*'"),
        (
            "<!-- gas-table\n| a | A.f / A.missing |\n-->\n<!-- /gas-table -->",
            "no gas figure for 'A.missing'",
        ),
        ("<!-- zk-table: seats bogus -->\n<!-- /zk-table -->", "unknown zk.json field 'bogus'"),
        ("<!-- zk-table bogus: seats -->\n<!-- /zk-table -->", "no 'bogus' list in zk.json"),
        (
            "<!-- zk-table: seats bogus.seats -->\n<!-- /zk-table -->",
            "unknown zk.json field 'bogus.seats'",
        ),
        (
            "<!-- zk-table: seats ceremony.seats -->\n<!-- /zk-table -->",
            "no 'ceremony' list in zk.json",
        ),
    ],
)
def test_render__unknown_key_or_field__raises_naming_it(text, message):
    with pytest.raises(docs.DocsTableError, match=message.replace("*", r"\*").replace(".", r"\.")):
        docs.render(text, {"A.f": 1}, {"circuits": []})


def test_write_docs__rewrites_only_stale_files(tmp_path):
    (tmp_path / "benchmarks").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "benchmarks" / "gas.json").write_text(json.dumps({"A.f": 3}))
    (tmp_path / "benchmarks" / "zk.json").write_text(json.dumps({"circuits": []}))
    stale = tmp_path / "docs" / "a.md"
    stale.write_text(
        "<!-- gas-table: A.f -->\n| call | gas |\n| `A.f` | 2 |\n<!-- /gas-table -->\n"
    )
    fresh = tmp_path / "docs" / "b.md"
    fresh.write_text("no tables\n")
    assert docs.stale_docs(tmp_path) == [stale]
    assert docs.write_docs(tmp_path) == [stale]
    assert "| `A.f` | 3 |" in stale.read_text()
    assert docs.stale_docs(tmp_path) == []
