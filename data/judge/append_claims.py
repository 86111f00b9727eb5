"""Append claims to a topic file, keeping its layout (one object per line).

    python append_claims.py data/judge/topics/<id>.json new.json

new.json: a JSON list of {"text", "stance", "register", "style"}; ids are assigned c<N+1>...
"""

import json, sys
from pathlib import Path


def dump(d):
    out = ["{"]
    keys = list(d)
    for i, k in enumerate(keys):
        v = d[k]
        comma = "," if i < len(keys) - 1 else ""
        if isinstance(v, list):
            out.append(f'  "{k}": [')
            for j, x in enumerate(v):
                out.append(
                    "    " + json.dumps(x, ensure_ascii=False) + ("," if j < len(v) - 1 else "")
                )
            out.append("  ]" + comma)
        else:
            out.append(f'  "{k}": ' + json.dumps(v, ensure_ascii=False) + comma)
    out.append("}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    p = Path(sys.argv[1])
    d = json.loads(p.read_text(encoding="utf-8"))
    if len(sys.argv) == 2:
        print("roundtrip", dump(d) == p.read_text(encoding="utf-8"))
        sys.exit()
    new = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    nums = [int(c["id"][1:]) for c in d["claims"] if c["id"][1:].isdigit()]
    n = max(nums, default=0)
    have = {c["text"] for c in d["claims"]}
    for c in new:
        if c["text"] in have:
            print("skip duplicate:", c["text"])
            continue
        n += 1
        d["claims"].append(
            {
                "id": f"c{n}",
                "text": c["text"],
                "stance": c["stance"],
                "register": c["register"],
                "style": c.get("style", "plain"),
            }
        )
    tmp = p.with_suffix(".tmp")
    tmp.write_text(dump(d), encoding="utf-8")
    tmp.replace(p)
    print(f"{p.name}: {len(d['claims'])} claims")
