from argmap.units.segment import segment, split_sentences


def spans(text):
    return [text[u.start : u.end] for u in segment(text)]


def test_segment_offsets_are_exact():
    text = "Dr. Lee argues that e.g. U.S. labs lead. Open weights help because anyone can audit them.\nNext line"
    for u in segment(text):
        assert text[u.start : u.end] == text[u.start : u.end].strip()
        assert u.end > u.start
    assert split_sentences(text)[0] == (0, 40)


def test_segment_splits_reason_clause():
    assert spans("Cities should build bike lanes because cycling cuts traffic.") == [
        "Cities should build bike lanes",
        "because cycling cuts traffic.",
    ]


def test_segment_splits_concession_and_contrast():
    assert spans("Although uniforms cost money, they reduce bullying at school.") == [
        "Although uniforms cost money,",
        "they reduce bullying at school.",
    ]
    assert spans("Some say nuclear power is dangerous, but modern reactors are very safe.") == [
        "Some say nuclear power is dangerous,",
        "but modern reactors are very safe.",
    ]


def test_segment_keeps_temporal_since_and_short_pieces():
    assert len(spans("The tool has since become popular with many teams.")) == 1
    assert len(spans("Yes, but no.")) == 1


def test_segment_line_breaks_end_sentences():
    text = "First point without a stop\nSecond point here."
    assert spans(text) == ["First point without a stop", "Second point here."]


def test_segment_a_comparison_with_as_is_no_reason():
    # "as we do": a subject and an auxiliary alone compare; "as it encourages ..." gives a reason
    compared = "Many labs see the value of an open platform as we do, the company said on Monday."
    assert len(spans(compared)) == 1
    assert len(spans("Few labs see the value of an open platform as we don't, she said.")) == 1
    assert spans("Deposits are a benefit as they encourage people to return bottles.") == [
        "Deposits are a benefit",
        "as they encourage people to return bottles.",
    ]


def test_segment_but_that_joins_words_is_no_clause():
    # "but" between two modifiers, or meaning "except", joins words, not claims
    assert len(spans("Night trains are a public service with modest but steady demand.")) == 1
    assert len(spans("Congestion charges help nobody but the city treasurer.")) == 1
    assert len(spans("The new bypass did nothing but move the jams elsewhere.")) == 1
    assert spans("Delays are real but rare, while the savings are large.") == [
        "Delays are real but rare,",
        "while the savings are large.",
    ]
    # a verb phrase set between commas shares the sentence's object
    assert len(spans("Tolls reduce, but do not remove, the traffic in the centre.")) == 1
    # ... while a "but" that opens a clause still splits, with or without a comma
    for clauses in (
        "I like the idea but councils rarely fund it properly.",
        "Many people drive to work but cycling is faster in town.",
        "I called everyone but nobody answered the phone.",
        "It affects us all but the poor suffer the most.",
        "Rail fares rose sharply but wages fell.",
    ):
        assert len(spans(clauses)) == 2, clauses
    assert spans("Trams cost a lot to build but the running costs are low.") == [
        "Trams cost a lot to build",
        "but the running costs are low.",
    ]
    assert spans("Buses are cheap but they are slow in traffic.") == [
        "Buses are cheap",
        "but they are slow in traffic.",
    ]


def test_segment_a_focusing_adverb_belongs_to_its_reason():
    assert spans("The scheme failed, largely because nobody was told about it.") == [
        "The scheme failed,",
        "largely because nobody was told about it.",
    ]
    assert spans("Cycling grew in Paris mainly because the lanes are separated.") == [
        "Cycling grew in Paris",
        "mainly because the lanes are separated.",
    ]


def test_segment_a_restricted_or_denied_reason_stays_in_its_claim():
    assert len(spans("The old line survives only because nobody wants to pay for a new one.")) == 1
    assert (
        len(spans("Those estates failed because they were neglected, not because they were tall."))
        == 2
    )
    assert spans("Those estates failed because they were neglected, not because they were tall.")[
        1
    ] == ("because they were neglected, not because they were tall.")


def test_segment_a_question_stays_whole():
    asked = "Is the tram worth it, or do I only like it because I live near the line?"
    assert spans(asked) == [asked]
    assert len(spans("Why build trams when buses are cheaper because they need no rails?")) == 1
    # the sentence after it splits as usual, and so does a statement ending in a question
    assert len(spans(asked + " Trams are worth it because they last for decades.")) == 3
    assert spans(
        "Trams are cheap to run because they last for decades, so why not build more?"
    ) == [
        "Trams are cheap to run",
        "because they last for decades,",
        "so why not build more?",
    ]


def test_segment_only_a_reason_keeps_its_adverb_or_restriction():
    # "only" before another connective is no restriction of a reason
    assert (
        len(spans("Phones could be limited to hands-free use only as it keeps both hands free."))
        == 2
    )
    # the adverb stays where moving it would leave too short a clause
    assert spans("Prices rose mostly because demand grew fast.") == [
        "Prices rose mostly",
        "because demand grew fast.",
    ]


def test_segment_while_doing_between_commas_is_a_circumstance_not_a_clause():
    assert len(spans("A toll that charges lorries, while sparing buses, would cut traffic.")) == 1
    # a clause, whatever its first word
    for clause in (
        "Tolls are unpopular, while the congestion they cure is worse.",
        "Trams are worth it, while cutting them would strand shift workers.",
        "Rents keep rising fast, while housing costs have doubled, and wages stay flat.",
    ):
        assert len(spans(clause)) >= 2, clause


def test_segment_not_this_but_that_is_one_claim():
    for corrected in (
        "The question is not whether trams are cheap, but whether they carry enough people.",
        "The worry is not that buses are slow, but that they are always late.",
    ):
        assert spans(corrected) == [corrected]
    # the halves open differently: two clauses
    assert len(spans("The fare is not high for most riders, but the pass costs too much.")) == 2
