"""Writes a legacy .xls of ROWS rows × 10 columns of Chinese demand text and numbers with xlwt, for
Benchmarks/run_xls.sh. Usage: make_xls.py ROWS FILE. Never a dependency of the build or the tests."""
import random
import sys

import xlwt

rows, path = int(sys.argv[1]), sys.argv[2]
random.seed(7)
words = "激光焊接机器人视觉检测复合材料树脂固化铸造工艺优化玻璃钢丝网过滤装备制造节能环保智能控制"
counties = ["枣强县", "冀州区", "安平县", "武邑县", "桃城区", "景县", "故城县", "阜城县", "饶阳县", "深州市", "武强县"]
book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("需求")
for c, h in enumerate(["需求编号", "县市区", "企业名称", "需求名称", "需求描述", "所属领域", "预计投入", "截止日期", "联系人", "电话"]):
    sheet.write(0, c, h)
date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
for r in range(1, rows + 1):
    text = lambda n: "".join(random.choice(words) for _ in range(n))
    sheet.write(r, 0, f"HS-{r:06d}")
    sheet.write(r, 1, random.choice(counties))
    sheet.write(r, 2, text(8) + "有限公司")
    sheet.write(r, 3, text(14))
    sheet.write(r, 4, text(60))
    sheet.write(r, 5, text(4))
    sheet.write(r, 6, round(random.uniform(1, 5000), 2))
    sheet.write(r, 7, 44000 + r % 700, date)
    sheet.write(r, 8, text(3))
    sheet.write(r, 9, f"1{random.randint(3000000000, 9999999999)}")
book.save(path)
