"""What the ``llm`` stages ask a model: the prompt texts and the JSON schemas of the answers,
kept as data in one place so they can be read, compared and changed without touching the
protocol or the stages."""

from __future__ import annotations

from typing import Any

ROLES = ("central", "premise", "objection", "rebuttal")


def relations_schema(max_items: int = 40) -> dict[str, Any]:
    return {
        "type": "array",
        "maxItems": max_items,
        "items": {
            "type": "object",
            "properties": {
                "source": {"type": "integer", "minimum": 0},
                "target": {"type": "integer", "minimum": 0},
                "type": {"type": "string", "enum": ["supports", "attacks"]},
            },
            "required": ["source", "target", "type"],
            "additionalProperties": False,
        },
    }


def extraction_schema(max_claims: int = 20) -> dict[str, Any]:
    """The JSON the extractor asks for: claims quoted from the text, relations by claim index."""
    return {
        "type": "object",
        "properties": {
            "claims": {
                "type": "array",
                "maxItems": max_claims,
                "items": {
                    "type": "object",
                    "properties": {
                        "quote": {"type": "string", "minLength": 1, "maxLength": 500},
                        "stance": {"type": "string", "enum": ["pro", "con"]},
                        "role": {"type": "string", "enum": list(ROLES)},
                    },
                    "required": ["quote", "stance", "role"],
                    "additionalProperties": False,
                },
            },
            "relations": relations_schema(2 * max_claims),
        },
        "required": ["claims", "relations"],
        "additionalProperties": False,
    }


def relation_only_schema(max_items: int = 40) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"relations": relations_schema(max_items)},
        "required": ["relations"],
        "additionalProperties": False,
    }


SYSTEM = (
    "You analyse argumentative texts. You answer with one JSON object and nothing else: "
    "no prose, no code fences."
)

EXTRACT_PROMPT = """Find the argument in the text below.

List its claims. Each claim is a quote copied character for character from the text (a sentence
or clause): do not paraphrase, shorten, merge or correct it. For each claim give:
- stance: "pro" if it agrees with the main claim, "con" if it goes against it;
- role: "central" (the main claim; exactly one), "premise" (a reason or evidence for another
  claim), "objection" (a view the author reports in order to argue against it) or "rebuttal"
  (the author's answer to an objection).
Then list relations between claims, by their 0-based index in your claims list: the source claim
"supports" or "attacks" the target claim.

Answer with a JSON object matching this JSON schema:
{schema}

Text:
<<<
{text}
>>>"""

RELATE_PROMPT = """Here are the numbered claims of an argumentative text; claim {central} is the
main claim.

{claims}

List the relations between them: the source claim "supports" or "attacks" the target claim, by
their numbers. Link each claim to the claim it is a reason for or against; leave out claims that
are unrelated.

Answer with a JSON object matching this JSON schema:
{schema}"""

RETRY_PROMPT = (
    "That answer was not a JSON object matching the schema. Answer again with only the JSON object."
)
