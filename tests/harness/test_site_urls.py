"""./suite run --port N gives the database the URLs PDFs need (config/setup_database.py)."""

import unittest

from launcher import paths, site_urls


class TestSiteUrls(unittest.TestCase):
    def test_urls_follow_the_port(self):
        self.assertEqual(
            site_urls.environment(8171),
            {
                "SUITE_BASE_URL": "http://localhost:8171",
                "SUITE_REPORT_URL": "http://127.0.0.1:8171",
            },
        )

    def test_public_url_does_not_move_the_report_url(self):
        urls = site_urls.environment(8069, public_url="https://forum.cc-plateau.fr/")
        self.assertEqual(urls["SUITE_BASE_URL"], "https://forum.cc-plateau.fr")
        self.assertEqual(urls["SUITE_REPORT_URL"], "http://127.0.0.1:8069")

    def test_setup_script_and_docker_init_read_them(self):
        script = paths.SETUP_SCRIPT.read_text()
        for name, key in (("SUITE_BASE_URL", "web.base.url"), ("SUITE_REPORT_URL", "report.url")):
            self.assertIn(f'"{key}": os.environ.get("{name}")', script)
        docker_init = (paths.ROOT / "config" / "docker-init.sh").read_text()
        self.assertIn('SUITE_REPORT_URL="http://127.0.0.1:8069"', docker_init)
