"""The debate as a whole: its question, each claim's side, key points and cruxes."""

from .keypoints import KEY_POINT_THRESHOLD
from .question import Question
from .stage import Debate, DebateAnalyser

__all__ = ["Debate", "DebateAnalyser", "Question", "KEY_POINT_THRESHOLD"]
