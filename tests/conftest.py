import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from hypothesis import settings

settings.register_profile("reportgen", deadline=None, max_examples=60)
settings.load_profile("reportgen")
