"""Makes Fixtures/xls/county-demands.xls with xlwt (a real third-party BIFF8 writer) and the expected cell texts
with xlrd (a real third-party reader) in county-demands.expected.tsv, merged cells filled down as Duijie reads them. Run once by hand; the tests read the results:

    python3 -m venv /tmp/xlsvenv && /tmp/xlsvenv/bin/pip install xlwt xlrd
    /tmp/xlsvenv/bin/python Fixtures/xls/make_fixture.py
"""
import datetime
import os
import random

import xlrd
import xlrd.formatting
import xlwt

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "county-demands.xls")
random.seed(2020)

book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("汇总")
date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
cn_date = xlwt.easyxf(num_format_str='yyyy"年"m"月"d"日"')
money = xlwt.easyxf(num_format_str="0.00")
sheet.write_merge(0, 0, 0, 6, "2020年衡水市企业技术需求汇总表（单位：万元）")
headers = ["县市区", "企业名称", "需求名称", "预计投入", "截止日期", "所属领域", "是否公开"]
for c, h in enumerate(headers):
    sheet.write(1, c, h)
counties = ["枣强县", "冀州区", "安平县", "武邑县"]
fields = ["玻璃钢复合材料", "采暖铸造", "丝网与过滤", "装备制造"]
row = 2
for county in counties:
    start = row
    for k in range(3):
        sheet.write(row, 1, f"{county}某某{k + 1}号科技有限公司")
        sheet.write(row, 2, f"{fields[k % 4]}关键技术研究：PVDF膜、CNC、PLC 第{k + 1}项")
        amounts = [50, 12.5, 0.001, 1234567.89, 300]
        sheet.write(row, 3, amounts[(row + k) % len(amounts)], money if k == 1 else xlwt.Style.default_style)
        sheet.write(row, 4, datetime.date(2021, 6, 30) + datetime.timedelta(days=row), date if k != 2 else cn_date)
        sheet.write(row, 5, fields[(row + k) % 4])
        sheet.write(row, 6, k != 1)
        row += 1
    sheet.write_merge(start, row - 1, 0, 0, county)
sheet.write(row, 1, "合计")
sheet.write(row, 3, 1000000)
sheet.write(row, 4, -3.25)

hidden = book.add_sheet("说明")
hidden.write(0, 0, "隐藏的说明页")
hidden.set_hidden(True) if hasattr(hidden, "set_hidden") else None
hidden.visibility = 1

# Enough distinct strings to split the shared string table across CONTINUE records.
big = book.add_sheet("团队")
big.write(0, 0, "团队名称")
big.write(0, 1, "研究方向")
for r in range(1, 401):
    big.write(r, 0, f"第{r}个科研团队（{random.choice(['华中科技大学', '河北工业大学', 'Tsinghua University'])}）")
    big.write(r, 1, "".join(random.choice("激光焊接机器人视觉检测复合材料树脂固化铸造工艺优化") for _ in range(40 + r % 17)))
book.save(path)

# The expected texts, as xlrd reads them: numbers in shortest form, dates ISO, booleans TRUE/FALSE.
wb = xlrd.open_workbook(path, formatting_info=True)
lines = []
for s in wb.sheets():
    for r in range(s.nrows):
        cells = []
        for c in range(s.ncols):
            cell = s.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_DATE:
                cells.append(xlrd.xldate_as_datetime(cell.value, wb.datemode).date().isoformat())
            elif cell.ctype == xlrd.XL_CELL_NUMBER:
                xf = wb.xf_list[cell.xf_index]
                fmt = wb.format_map[xf.format_key]
                if fmt.type == xlrd.formatting.FDT:
                    d = xlrd.xldate_as_datetime(cell.value, wb.datemode).date()
                    cells.append(d.isoformat())
                else:
                    v = cell.value
                    cells.append(str(int(v)) if v == int(v) else repr(v))
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                cells.append("TRUE" if cell.value else "FALSE")
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                cells.append("")
            else:
                cells.append(str(cell.value))
        # Merged ranges taller than one row give their value to the first column below (what Duijie reads).
        for (rlo, rhi, clo, chi) in s.merged_cells:
            if rhi - rlo > 1 and rlo < r < rhi and clo < len(cells) and cells[clo] == "":
                cells[clo] = s.cell(rlo, clo).value
        while cells and cells[-1] == "":
            cells.pop()
        lines.append("\t".join([s.name, str(r + 1)] + [x.replace("\t", " ").replace("\n", " ") for x in cells]))
with open(os.path.join(here, "county-demands.expected.tsv"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
print(path, os.path.getsize(path), "bytes;", len(lines), "rows")
