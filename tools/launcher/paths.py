"""Where the project and its local, git-ignored state live."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ROOT / "addons"
SUITE_MODULES = ("territoire_industrie", "accompagnement_entreprise", "forum_emploi")
# Cross-addon tests live in a test-only addon, installed by the test command only.
TEST_ADDONS = ROOT / "tests" / "addons"
TEST_MODULES = ("suite_integration",)
CONFIG = ROOT / "config" / "odoo.conf"
SETUP_SCRIPT = ROOT / "config" / "setup_database.py"
LOCAL = ROOT / ".local"
DATA_DIR = LOCAL / "data"
LOG_DIR = LOCAL / "logs"
PGDATA = LOCAL / "pgdata"
