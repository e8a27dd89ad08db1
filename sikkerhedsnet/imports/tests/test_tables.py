"""Reading files: delimiters, BOM, XLSX, header recognition, and the file-level refusals."""

from __future__ import annotations

import pytest

from sikkerhedsnet.imports.tests.conftest import (
    BOY_2021,
    CHILDREN_HEADER,
    UNITS_HEADER,
    csv_bytes,
    xlsx_bytes,
)
from sikkerhedsnet.lib.tables import FileRejected, read_table

UNIT_ROW = ["DAG010", "Regnbuen", "daycare", "Syd"]


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("bom", [False, True])
def test_it_reads_csv_with_either_delimiter_and_with_or_without_bom(
    delimiter: str, bom: bool
) -> None:
    content = csv_bytes([UNITS_HEADER, UNIT_ROW], delimiter=delimiter, bom=bom)
    table = read_table(name="units.csv", content=content)
    assert table.format.name == "units"
    assert table.rows[0].values == dict(zip(UNITS_HEADER, UNIT_ROW, strict=True))


def test_a_value_with_the_other_delimiter_stays_one_value() -> None:
    content = csv_bytes([UNITS_HEADER, ["DAG010", '"Regnbuen, Syd"', "daycare", "Syd"]])
    table = read_table(name="units.csv", content=content)
    assert table.rows[0].values["name"] == "Regnbuen, Syd"


def test_header_is_recognised_in_any_order_case_and_spacing() -> None:
    header = [" Kind", "NAME ", "district", "Unit_Code"]
    content = csv_bytes([header, ["daycare", "Regnbuen", "Syd", "DAG010"]], delimiter=";")
    table = read_table(name="enheder.csv", content=content)
    assert table.format.name == "units"
    assert table.rows[0].values["unit_code"] == "DAG010"


def test_it_reads_the_first_sheet_of_an_xlsx_file() -> None:
    content = xlsx_bytes([CHILDREN_HEADER, [BOY_2021, "Emil", "Hansen", "DAG001"]])
    table = read_table(name="children.xlsx", content=content)
    assert table.format.name == "children"
    assert table.rows[0].values["first_name"] == "Emil"


def test_numbers_in_xlsx_cells_become_text_without_decimals() -> None:
    content = xlsx_bytes([UNITS_HEADER, [4711, "Regnbuen", "daycare", 2.0]])
    values = read_table(name="units.xlsx", content=content).rows[0].values
    assert (values["unit_code"], values["district"]) == ("4711", "2")


def test_row_numbers_are_spreadsheet_rows_and_blank_rows_are_skipped() -> None:
    content = csv_bytes([UNITS_HEADER, UNIT_ROW, [",,,"], UNIT_ROW])
    table = read_table(name="units.csv", content=content)
    assert [row.number for row in table.rows] == [2, 4]


def test_a_row_with_more_values_than_the_header_is_an_error() -> None:
    content = csv_bytes([UNITS_HEADER, [*UNIT_ROW, "ekstra"]])
    table = read_table(name="units.csv", content=content)
    assert [str(e) for e in table.errors] == [
        "Række 2: Rækken har 5 felter, men overskriften har 4."
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("units.csv", b"", "Filen er tom."),
        ("units.csv", b"\xef\xbb\xbf\r\n", "Filen er tom."),
        ("units.txt", b"unit_code,name,kind,district\r\n", "Kun .csv- og .xlsx-filer"),
        ("units.xls", b"\xd0\xcf\x11\xe0", "Kun .csv- og .xlsx-filer"),
        (
            "units.csv",
            "unit_code,name,kind,district\r\nA,Bøgen,daycare,\r\n".encode("cp1252"),
            "UTF-8",
        ),
        ("units.xlsx", b"PK\x03\x04 not really a zip", "kan ikke læses som et Excel-regneark"),
        ("units.csv", xlsx_bytes([UNITS_HEADER]), "Kald den .xlsx"),
    ],
)
def test_it_refuses_files_it_cannot_read(name: str, content: bytes, message: str) -> None:
    with pytest.raises(FileRejected, match=message):
        read_table(name=name, content=content)


def test_an_unknown_header_names_the_expected_columns() -> None:
    content = csv_bytes([["cpr", "navn", "enhed"], [BOY_2021, "Emil", "DAG001"]])
    with pytest.raises(FileRejected) as refused:
        read_table(name="boern.csv", content=content)
    message = str(refused.value)
    assert "Overskriften i række 1 (cpr,navn,enhed)" in message
    assert "units.csv: unit_code,name,kind,district" in message
    assert "children.csv: cpr,first_name,last_name,unit_code" in message


def test_a_header_with_a_missing_column_is_unknown() -> None:
    with pytest.raises(FileRejected, match="passer ikke"):
        read_table(name="units.csv", content=csv_bytes([UNITS_HEADER[:3], UNIT_ROW[:3]]))


def test_old_mac_line_breaks_are_read() -> None:
    content = b"unit_code;name;kind;district\rDAG010;Regnbuen;daycare;Syd\r"
    assert read_table(name="units.csv", content=content).rows[0].values["name"] == "Regnbuen"


def test_a_quote_escaped_formula_comes_back_as_it_was_exported() -> None:
    content = csv_bytes([UNITS_HEADER, ["DAG010", "'=1+2", "daycare", "'-Syd"]])
    values = read_table(name="units.csv", content=content).rows[0].values
    assert (values["name"], values["district"]) == ("=1+2", "-Syd")
