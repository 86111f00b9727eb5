from argmap.segment import segment, split_sentences


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
