"""Read a workbook into cells the way a data-minded organizer would, for a side-by-side figure.

Usage: peers.py calamine|openpyxl|xlrd FILE  → prints one JSON object: seconds, rows, cells, peak_rss_mib.
Run inside the virtual environment Benchmarks/run.sh makes; never a dependency of the build or the tests.
"""
import json
import resource
import sys
import time


def calamine(path):
    from python_calamine import CalamineWorkbook

    rows = cells = 0
    wb = CalamineWorkbook.from_path(path)
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).iter_rows():
            rows += 1
            cells += sum(1 for v in row if v != "" and v is not None)
    return rows, cells


def openpyxl_read_only(path):
    import openpyxl

    rows = cells = 0
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            rows += 1
            cells += sum(1 for v in row if v is not None)
    wb.close()
    return rows, cells


def xlrd_read(path):
    import xlrd

    rows = cells = 0
    wb = xlrd.open_workbook(path, on_demand=True)
    for sheet in wb.sheets():
        for r in range(sheet.nrows):
            rows += 1
            cells += sum(1 for v in sheet.row_values(r) if v != "" and v is not None)
    return rows, cells


if __name__ == "__main__":
    which, path = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    rows, cells = {"calamine": calamine, "openpyxl": openpyxl_read_only, "xlrd": xlrd_read}[which](path)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rows": rows, "cells": cells, "peak_rss_mib": round(peak, 1)}))
