"""Throughput and latency of davor.extract on a generated corpus.

    uv run python benchmarks/extract.py [--notes 10000] [--seed 7]
    uv run python benchmarks/extract.py --by-author [--show AUTHOR]

Prints the package's import time, notes per second, p50 / p95 latency per
note and the F1 on the labelled dev set (davor/extract/tests/data/dev.jsonl).

--by-author scores every labelled note in davor/extract/tests/data and prints
F1, precision and recall per author (d, a1, a2, a3 and the older heldout set,
which is scored without order lines), then F1 per key and author.  The rules
are not trained, so each author's figure is a leave-one-author-out figure for
as long as no rule was written from that author's notes.  --show AUTHOR lists
that author's missed and spurious facts.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FIRST = ["Anna", "Thomas", "Katrin", "Michael", "Laura", "James", "Sarah", "Jens", "Maren", "Tom", "Olivia", "Erik"]
LAST = ["Müller", "Schmidt", "Kessler", "Weber", "Becker", "Hoffmann", "Grant", "Ellison", "Nowak", "Yilmaz"]
ROLES_DE = ["Einkauf", "Leiter Logistik", "GF", "IT-Leiter", "Laborleiterin", "Assistenz GL", "Controlling"]
ROLES_EN = ["purchasing", "IT manager", "head of engineering", "office manager", "CFO", "plant manager"]
GOODS_DE = ["Kartons", "Toner", "Etiketten", "Monitore", "Dichtungen", "Servietten", "Schalen"]
GOODS_EN = ["laptops", "folding boxes", "pH meters", "leaflets", "licences", "tablets"]
WDAYS_DE = ["Mo", "Di", "Mi", "Do", "Fr", "Montag", "Dienstag", "nächsten Do", "Di nächste Woche"]
WDAYS_EN = ["Monday", "next Tuesday", "Wednesday", "Thursday next week", "Friday"]
TIMES_DE = ["10 Uhr", "10h", "halb drei", "Viertel nach zehn", "um 4", "9:30", "14 Uhr"]
TIMES_EN = ["10 am", "2 pm", "half past ten", "at 3", "10:00"]
DELIV_DE = ["KW {kw}", "bis {d}.{m}.", "Mitte {mon}", "Anfang {mon}", "innerhalb von {n} Werktagen", "am {d}.{m}."]
DELIV_EN = ["week {kw}", "by {d} {mon_en}", "within {n} working days", "mid-{mon_en}", "on {d} {mon_en}"]
MON_DE = ["Januar", "März", "April", "Mai", "Juni", "Juli", "Oktober", "November"]
MON_EN = ["January", "March", "April", "June", "July", "October", "November"]


def phone(r: random.Random) -> str:
    area = r.choice(["0711", "089", "040", "0221", "030", "069"])
    dash = f"-{r.randint(10, 499)}" if r.random() < 0.5 else ""
    return f"{area} {r.randint(1000, 99999)}{dash}"


def note_de(r: random.Random) -> str:
    first = r.choice(FIRST) + " " if r.random() < 0.4 else ""
    name = f"{r.choice(['Hr.', 'Fr.', 'Herr', 'Frau'])} {first}{r.choice(LAST)}"
    deliv = r.choice(DELIV_DE).format(kw=r.randint(1, 52), d=r.randint(1, 28), m=r.randint(1, 12),
                                       mon=r.choice(MON_DE), n=r.randint(3, 15))  # fmt: skip
    parts = [
        f"{name} ({r.choice(ROLES_DE)}, Tel. {phone(r)}): {r.randint(2, 500)} {r.choice(GOODS_DE)} bestellt.",
        f"Lieferung {deliv}, {r.choice(['frei Haus', 'ab Werk', 'DAP', 'EXW'])}.",
        f"Zahlung {r.choice([10, 14, 30, 45])} Tage netto, "
        f"{r.choice(['2', '3', '2,5'])} % Skonto {r.choice([7, 10, 14])} Tage.",
        f"AB per {r.choice(['Fax', 'Mail', 'Post'])}{r.choice(['', ', doppelt'])}.",
        f"Termin {r.choice(WDAYS_DE)} {r.choice(TIMES_DE)}, "
        f"{r.choice(['1h', '30 Min.', 'anderthalb Stunden'])}, bei Kunde.",
        f"Angebot schicke ich bis {r.choice(WDAYS_DE[:5])}.",
        f"Budget ca. {r.randint(5, 300)} T€, Budgetplanung im {r.choice(MON_DE)}.",
        f"Interesse an {r.choice(GOODS_DE)}.",
    ]
    r.shuffle(parts)
    return " ".join(parts[: r.randint(3, len(parts))])


def note_en(r: random.Random) -> str:
    name = f"{r.choice(FIRST)} {r.choice(LAST)}"
    deliv = r.choice(DELIV_EN).format(
        kw=r.randint(1, 52), d=r.randint(1, 28), mon_en=r.choice(MON_EN), n=r.randint(3, 15)
    )
    parts = [
        f"Call with {name} ({r.choice(ROLES_EN)}, ext. {r.randint(10, 999)}). "
        f"Order for {r.randint(2, 90)} {r.choice(GOODS_EN)}.",
        f"Delivery {deliv}, {r.choice(['free delivery', 'ex works', 'DDP', 'FCA'])}.",
        f"Payment net {r.choice([14, 30, 45])}, {r.choice([2, 3])}% discount within {r.choice([8, 10, 14])} days.",
        f"Order confirmation by {r.choice(['fax', 'e-mail', 'post'])}{r.choice(['', ', two copies'])}.",
        f"Meeting {r.choice(WDAYS_EN)} {r.choice(TIMES_EN)}, "
        f"{r.choice(['1 hour', '90 minutes', 'half an hour'])}, via Teams.",
        f"I'll send the quote by {r.choice(WDAYS_EN)}.",
        f"Budget approx. €{r.randint(5, 90)},000, fiscal year starts in {r.choice(MON_EN)}.",
        f"They may need {r.choice(GOODS_EN)} next year.",
    ]
    r.shuffle(parts)
    return " ".join(parts[: r.randint(3, len(parts))])


def corpus(n: int, seed: int) -> list[tuple[str, datetime, str]]:
    r = random.Random(seed)
    start = datetime(2026, 1, 1, 8, 0)
    out = []
    for _ in range(n):
        now = start + timedelta(days=r.randint(0, 730), minutes=r.randint(0, 600))
        lang = r.choice(["de", "de", "en"])
        out.append((note_de(r) if lang == "de" else note_en(r), now, lang))
    return out


def import_time() -> float:
    code = "import time; t = time.perf_counter(); import davor.extract; print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(done.stdout.strip())


def dev_f1() -> str:
    from davor.extract.tests.test_dev_set import dev_f1 as score

    return f"{score():.3f}"


AUTHORS = ("d", "a1", "a2", "a3", "heldout")


def by_author(show: str | None) -> None:
    from davor.extract.tests import corpora

    ev = corpora.evaluator()
    groups: dict[str, list] = {a: [] for a in AUTHORS}
    for note in corpora.notes():
        groups.setdefault(corpora.author(note["id"]), []).append(note)
    tallies = {a: corpora.tally(notes) for a, notes in groups.items() if notes}
    print(f"{'author':8} {'notes':>5} {'facts':>5} {'F1':>6} {'P':>6} {'R':>6}")
    every = [0, 0, 0]
    for a, t in tallies.items():
        tp, gold, pred = corpora.totals(t.counts)
        every = [every[0] + tp, every[1] + gold, every[2] + pred]
        p, r, f = ev.prf(tp, gold, pred)
        print(f"{a:8} {len(groups[a]):5d} {gold:5d} {f:6.3f} {p:6.3f} {r:6.3f}")
    p, r, f = ev.prf(*every)
    macro = statistics.mean(corpora.f1(t.counts) for t in tallies.values())
    size = sum(map(len, groups.values()))
    print(f"{'all':8} {size:5d} {every[1]:5d} {f:6.3f} {p:6.3f} {r:6.3f}  (macro F1 {macro:.3f})")
    keys = sorted({k.split(".")[0] for t in tallies.values() for k in t.counts})
    print()
    print(f"{'key':24}" + "".join(f"{a:>8}" for a in tallies) + f"{'all':>8}{'facts':>7}")
    for key in keys:
        row, every = "", [0, 0, 0]
        for t in tallies.values():
            tp, gold, pred = corpora.totals(t.counts, key + ".") if key not in t.counts else t.counts[key]
            every = [every[0] + tp, every[1] + gold, every[2] + pred]
            row += f"{ev.prf(tp, gold, pred)[2]:8.3f}" if gold or pred else f"{'-':>8}"
        print(f"{key:24}{row}{ev.prf(*every)[2]:8.3f}{every[1]:7d}")
    if show:
        print()
        for note_id, key, gold, pred in tallies[show].misses:
            g, p = json.dumps(gold, ensure_ascii=False), json.dumps(pred, ensure_ascii=False)
            print(f"{note_id}\t{key}\tgold={g}\tpred={p}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--by-author", action="store_true", help="F1 per author and key on the labelled notes")
    parser.add_argument("--show", choices=AUTHORS, help="with --by-author: list this author's misses")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.by_author:
        by_author(args.show)
        return

    print(f"import time of davor.extract: {import_time() * 1000:.0f} ms")
    from davor.extract import extract

    notes = corpus(args.notes, args.seed)
    extract(notes[0][0], now=notes[0][1], lang=notes[0][2])  # warm lazy imports (holidays, phonenumbers)
    latencies = []
    started = time.perf_counter()
    for text, now, lang in notes:
        t = time.perf_counter()
        extract(text, now=now, lang=lang).to_dict()
        latencies.append((time.perf_counter() - t) * 1000)
    total = time.perf_counter() - started
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"notes: {len(notes)} in {total:.2f} s = {len(notes) / total:.0f} notes/s")
    print(f"latency per note: p50 {statistics.median(latencies):.2f} ms, p95 {p95:.2f} ms, max {latencies[-1]:.1f} ms")
    print(f"dev.jsonl F1: {dev_f1()}")
    big = ("Hr. Kessler (Einkauf, DW 231) angerufen. Lief. KW 3, frei Haus. Termin Di 10h bei Kunde. " * 12000)[
        :1_000_000
    ]
    started = time.perf_counter()
    extract(big, now=datetime(2026, 5, 11, 9, 15))
    print(f"one 1 MB note (a pasted mail thread; stays linear): {time.perf_counter() - started:.1f} s")
    print(json.dumps({"example": notes[1][0]}, ensure_ascii=False)[:300])


if __name__ == "__main__":
    main()
