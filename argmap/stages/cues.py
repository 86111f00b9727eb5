"""Discourse cues: the connectives and phrases that signal argumentative function in English.

These are the language's own markers (PDTB-style connectives and stock phrases of concession and
objection), not any corpus's wording.
"""

from __future__ import annotations

import re


def _starts(*phrases: str) -> re.Pattern[str]:
    alts = "|".join(p.replace(" ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"^\W*(?:{alts})\b", re.I)


def _contains(*phrases: str) -> re.Pattern[str]:
    alts = "|".join(p.replace(" ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})\b", re.I)


REASON_LEAD = _starts("because", "since", "as", "for", "given that", "this is because",
                      "that is because", "the reason is", "after all", "due to")
CONCLUSION_LEAD = _starts("therefore", "thus", "hence", "so", "consequently", "accordingly",
                          "as a result", "that is why", "this is why", "which is why",
                          "in conclusion", "to conclude", "overall", "all in all", "in sum",
                          "to sum up", "in short", "ultimately", "for these reasons",
                          "for all these reasons", "all things considered", "in the end",
                          "and therefore", "and so", "and thus", "and consequently", "and hence")
SUMMARY_LEAD = _starts("in conclusion", "to conclude", "overall", "all in all", "in sum",
                       "to sum up", "in short", "ultimately", "for these reasons",
                       "for all these reasons", "all things considered", "in the end",
                       "therefore", "thus", "hence", "consequently")
CONTRAST_LEAD = _starts("but", "however", "yet", "nevertheless", "nonetheless", "still",
                        "on the other hand", "that said", "even so", "then again", "in fact",
                        "actually", "on the contrary", "instead", "rather", "whereas",
                        "and yet", "all the same", "regardless", "despite this",
                        "despite that", "in spite of this", "but then", "though")
ADDITION_LEAD = _starts("also", "furthermore", "moreover", "additionally", "in addition",
                        "besides", "what is more", "further", "first", "firstly", "second",
                        "secondly", "third", "thirdly", "finally", "lastly", "another",
                        "plus", "not only", "and", "on top of that", "equally", "likewise",
                        "similarly", "last but not least", "to begin with", "for one")
EXAMPLE_LEAD = _starts("for example", "for instance", "e.g.", "such as", "in particular",
                       "take", "consider", "look at", "just look", "as an example",
                       "to illustrate", "one example", "an example")
CONCESSION_LEAD = _starts("although", "though", "even though", "while", "whilst", "admittedly",
                          "granted", "of course", "it is true that", "it's true that",
                          "true,", "certainly", "to be sure", "even if", "despite",
                          "on the one hand", "no doubt", "sure,", "it may be that",
                          "it might be that", "it could be argued", "one could argue",
                          "one might argue", "one may argue", "it can be argued",
                          "it is often said", "it is often argued", "it is said",
                          "it has been argued", "it might seem", "it may seem",
                          "it might be tempting", "it may be tempting", "it is tempting",
                          "at first glance", "at first sight", "some", "many people",
                          "a lot of people", "critics", "opponents", "skeptics", "sceptics",
                          "detractors", "proponents of", "supporters of", "those who",
                          "people who", "there are those", "there are people",
                          "others", "the argument that", "the claim that",
                          "the objection that", "one objection", "an objection",
                          "a common objection", "a common argument", "the counterargument",
                          "a counterargument", "the usual argument")
OBJECTION_VERB = _contains("argue", "argues", "argued", "claim", "claims", "claimed", "object",
                           "objects", "say", "says", "said", "believe", "believes", "think",
                           "thinks", "point out", "points out", "contend", "contends", "insist",
                           "insists", "maintain", "maintains", "suggest", "suggests", "assert",
                           "asserts", "fear", "fears", "worry", "worries", "complain",
                           "complains", "counter", "counters", "would have us believe",
                           "may object", "might object", "could object", "would object",
                           "might say", "may say", "could say", "would say",
                           "might argue", "may argue", "could argue", "would argue")
OTHERS_SUBJECT = _contains("some people", "some", "many people", "many", "critics",
                           "opponents", "skeptics", "sceptics", "detractors", "others",
                           "proponents", "supporters", "advocates", "those who", "people who",
                           "one", "someone", "somebody", "they", "naysayers", "the other side",
                           "their opponents", "its opponents")
OPINION = _contains("i think", "i believe", "i feel", "in my opinion", "in my view",
                    "i am convinced", "i'm convinced", "i would argue", "i argue",
                    "i maintain", "i hold", "should", "must", "ought to", "need to",
                    "needs to", "have to", "has to", "better", "worse", "best", "worst",
                    "is good", "is bad", "is wrong", "is right", "is not", "are not",
                    "should not", "shouldn't", "is a good idea", "is a bad idea",
                    "makes sense", "is important", "is essential", "is necessary")
NEGATION = _contains("not", "no", "never", "n't", "nobody", "none", "nothing", "neither",
                     "nor", "cannot", "without", "hardly", "barely", "rarely", "fail to",
                     "fails to", "failed to", "lack", "lacks")
FIRST_PERSON = _contains("i", "me", "my", "we", "our", "us")
HEDGED_BUT = re.compile(r"^\W*(?:but|however|yet|nevertheless|nonetheless|still)\b", re.I)

CON_HEADING = _contains("against", "cons", "con", "disadvantages", "drawbacks", "risks",
                        "downsides", "objections", "concerns", "problems", "arguments against",
                        "reasons not", "why not", "dangers", "costs")
PRO_HEADING = _contains("for", "in favor", "in favour", "pros", "pro", "advantages",
                        "benefits", "upsides", "reasons to", "why", "supporting", "arguments for")
