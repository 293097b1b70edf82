#!/usr/bin/env python3
"""Writes the model lists behind the two published reports in DOMAIN.md (data/reports/*.csv).

The published reports give only aggregates; the individual records are synthetic but reproduce every
published figure exactly: counts by field, the commendations and their kinds. Deterministic (fixed seed),
so the files only change when this script does.
"""
import csv
import random

FIELDS = ["economy", "culture_society", "defense_security", "political_system"]
SPONSORS = ["Đảng ủy xã", "Ủy ban nhân dân", "Mặt trận Tổ quốc", "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ",
            "Hội Nông dân", "Hội Cựu chiến binh", "Công đoàn", "Công an", "Quân sự", "Trường học", "Doanh nghiệp"]
TITLES = {
    "economy": ["Nuôi ong kết hợp chăn nuôi dê", "Chuyển đổi cây trồng, tăng thu nhập", "Tổ hợp tác \"sản xuất sạch\"",
                "Dồn điền, đổi thửa", "Hỗ trợ hộ nghèo vay vốn, làm ăn"],
    "culture_society": ["Tuyến phố văn minh", "Khu dân cư \"sáng, xanh, sạch, đẹp\"", "Gia đình văn hóa, hiếu học",
                        "Dòng họ khuyến học", "Nhà văn hóa, sân chơi cho thiếu nhi"],
    "defense_security": ["Tự quản an ninh trật tự", "Giúp người sau cai nghiện tái hòa nhập", "Camera an ninh, \"mắt thần\" khu phố"],
    "political_system": ["Dân vận chính quyền, cải cách hành chính", "Chi bộ \"4 tốt\", gần dân"],
}
LEVELS = ["commune", "commune;district", "commune;district;province", "district"]


def write(path, prefix, owners, counts, years, commended, seed):
    rng = random.Random(seed)
    rows = []
    n = 0
    for field, count in zip(FIELDS, counts):
        for i in range(count):
            n += 1
            title = f"{rng.choice(TITLES[field])} ({prefix} {n:03d})"
            rows.append({
                "id": f"{prefix}-{n:03d}", "unit": owners[n % len(owners)], "title": title, "field": field,
                "kind": "collective", "sponsor": rng.choice(SPONSORS), "year": years[n % len(years)],
                "levels": rng.choice(LEVELS), "effective": rng.choice(["true", "true", "false", ""]),
                "commended": "none", "status": "active",
            })
    # Commendations: the first rows of the economy and culture fields, in the published kinds.
    for row, (kind, levels) in zip(rows[::7], commended):
        row["kind"] = kind
        row["commended"] = levels
        row["effective"] = "true"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["id", "unit", "title", "field", "kind", "sponsor", "year", "levels",
                                          "effective", "commended", "status"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


# Thị xã Thái Hoà (414), 2020: 89 models; 1 collective and 1 individual exemplar commended at the
# provincial conference 2016–2020, the individual also at the national conference.
write("data/reports/thai-hoa-2020.csv", "TH2020",
      ["414", "16939", "16993", "16994", "17003", "17005", "17008", "17011", "17014", "17017"],
      [17, 52, 10, 10], list(range(2016, 2021)),
      [("collective", "province"), ("individual", "province;national")], seed=414)

# Thị xã Điện Bàn (507), 10 years: 348 models; 4 collectives and 2 individuals commended by the town's
# Party standing committee (district level).
write("data/reports/dien-ban-2010-2019.csv", "DB",
      ["507", "20551", "20554", "20557", "20560", "20561", "20562", "20563", "20566", "20569", "20572", "20575",
       "20578", "20579", "20580", "20581", "20584", "20587", "20590", "20593", "20596"],
      [149, 167, 23, 9], list(range(2010, 2020)),
      [("collective", "district")] * 4 + [("individual", "district")] * 2, seed=507)
