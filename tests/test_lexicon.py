"""The English lexicon: one file that every stage reads, each entry backed by a training text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import lang
from argmap.judge import polarity_words
from argmap.judge.features import lexicon as judge_lexicon
from argmap.lang import sources
from argmap.units import cues, proposition, segment

ROOT = Path(__file__).resolve().parent.parent


def test_every_entry_cites_a_training_text_that_shows_it() -> None:
    if not (ROOT / "data" / "labelled" / "texts").is_dir():
        pytest.skip("the annotated texts live in the source checkout")
    assert sources.problems(ROOT) == []


def test_sources_catch_a_quote_that_is_not_in_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    real = lang.lexicon()
    name = "connective.contrast"
    broken = dict(real)
    first = dict(real[name]["entries"][0])
    first["quote"] = "this sentence is in no training text"
    broken[name] = {**real[name], "entries": [first, *real[name]["entries"][1:]]}
    monkeypatch.setattr(sources, "lexicon", lambda language="en": broken)
    found = sources.problems(ROOT)
    assert len(found) == 1 and name in found[0] and "quote" in found[0]


def test_each_list_is_read_where_it_says() -> None:
    for name, entry in lang.lexicon().items():
        assert entry["why"] and entry["read_by"], name
        for path in entry["read_by"]:
            text = (ROOT / path).read_text(encoding="utf-8")
            family = name.split(".")[0] + "."
            assert f'"{name}"' in text or ("." in name and f'"{family}"' in text), (
                f"{path} does not read {name}"
            )


@pytest.mark.parametrize(
    ("pattern", "name"),
    [
        (cues.REASON_LEAD, "connective.reason"),
        (cues.CONTRAST_LEAD, "connective.contrast"),
        (cues.EXAMPLE_LEAD, "connective.example"),
        (cues.CONCESSION_LEAD, "voice.concession"),
    ],
)
def test_the_cue_patterns_are_the_lexicons_lists(pattern: re.Pattern[str], name: str) -> None:
    for text in lang.phrases(name):
        assert pattern.match(f"{text} the plan costs more"), text
        assert not pattern.match(f"the plan, {text} it costs more"), text  # openings only
    # phrases that end in punctuation match as written: no word boundary is asked after them
    assert cues.CONCESSION_LEAD.match("True, it costs more.")
    assert not cues.REASON_LEAD.match("Becausey is a name")


def test_the_other_readers_take_their_words_from_the_lexicon() -> None:
    assert lang.words("negation") == polarity_words._NEG
    assert set(polarity_words._ANTONYMS) == set(lang.pairs("polarity.antonyms"))
    assert judge_lexicon()["restrict"] == lang.words("judge.restrict")
    assert lang.words("clause.clause_opener") == segment._CLAUSE_OPENER
    for verb in lang.phrases("frame.verb"):
        core = proposition.core_text(f"Critics {verb} that the tax hurts farmers.")
        assert core == "The tax hurts farmers.", verb
    # "as" is a connective taken off a claim, but not in "as long as"
    assert proposition.core_text("As the bus is late, we walk.").startswith("The bus")
    assert proposition.core_text("As long as it rains, we stay.").startswith("As long")


def test_a_list_that_adds_to_another_holds_both() -> None:
    assert lang.words("function") < lang.words("stop")
    assert lang.phrases("stop")[: len(lang.phrases("function"))] == lang.phrases("function")


def test_the_judge_questions_the_lexicon_cites_pass_their_checker() -> None:
    # data/judge/incoming holds questions written for the lexicon's judge words; checked with the
    # trained-on ones, so a split leak between the two would show
    judge = ROOT / "data" / "judge"
    files = sorted((judge / "topics").glob("*.json")) + sorted((judge / "incoming").glob("*.json"))
    if not files:
        pytest.skip("the judge corpus lives in the source checkout")
    done = subprocess.run(
        [sys.executable, str(judge / "check_topics.py"), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def test_a_source_quotes_the_words_around_the_match_on_its_line() -> None:
    long = " ".join(f"word{k}" for k in range(60))
    text = f"Heading line\n{long} and yet the plan works {long}\nlast line"
    passage = sources.Passage("data/labelled/texts/x.json#x-1", text)
    hit = sources.find_source("contains", {"text": "and yet"}, [passage], [])
    assert hit is not None and hit["from"] == passage.source
    quote = hit["quote"]
    assert "and yet" in quote and quote in text and "\n" not in quote
    assert len(quote) <= sources.QUOTE_CHARS
    assert sources.find_source("contains", {"text": "never there"}, [passage], []) is None
