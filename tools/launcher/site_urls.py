"""The URLs config/setup_database.py writes into the database for a given HTTP port."""


def environment(port, public_url=None):
    """Environment variables read by config/setup_database.py.

    ``web.base.url`` is what people open (links in mails, QR codes); ``report.url`` is
    where wkhtmltopdf, started by Odoo on the same machine, fetches a PDF's styles and
    images: the port this Odoo serves on, whatever the public address.
    """
    return {
        "SUITE_BASE_URL": (public_url or f"http://localhost:{port}").rstrip("/"),
        "SUITE_REPORT_URL": f"http://127.0.0.1:{port}",
    }
