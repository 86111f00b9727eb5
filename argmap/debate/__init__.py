"""The debate as a whole: its question, each claim's side, key points and cruxes."""

from argmap.debate.keypoints import KEY_POINT_THRESHOLD
from argmap.debate.question import Question
from argmap.debate.stage import Debate, DebateAnalyser

__all__ = ["Debate", "DebateAnalyser", "Question", "KEY_POINT_THRESHOLD"]
