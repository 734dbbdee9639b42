import subprocess
import sys
from pathlib import Path


FIXTURES = Path(__file__).parent / "fixtures"


def pip_install(source, target):
    """Build ``source`` and install it into ``target`` like any third-party distribution."""
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(target), str(source)],
        check=True,
    )
    sys.path.insert(0, str(target))
