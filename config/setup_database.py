# Run through `odoo shell` by ./suite run and by the Docker init service, after the
# addons are installed or updated. Idempotent: it only writes what differs.
# `env` and `odoo` are provided by odoo shell; the URLs come from the environment:
# SUITE_BASE_URL, the address people open (links in mails), and SUITE_REPORT_URL, where
# wkhtmltopdf, run by Odoo itself, fetches a PDF's styles and images: the local port
# Odoo serves on (tools/launcher/site_urls.py, config/docker-init.sh).
import os

if not env["res.lang"]._lang_get("fr_FR"):
    odoo.tools.translate.load_language(env.cr, "fr_FR")
france = env.ref("base.fr")
company = env.ref("base.main_company")
if company.country_id != france:
    company.country_id = france
for user in env.ref("base.user_admin") | env.ref("base.user_root"):
    if user.lang != "fr_FR" or user.tz != "Europe/Paris":
        user.write({"lang": "fr_FR", "tz": "Europe/Paris"})
ICP = env["ir.config_parameter"].sudo()
urls = {
    "web.base.url": os.environ.get("SUITE_BASE_URL"),
    "report.url": os.environ.get("SUITE_REPORT_URL"),
}
for key, url in urls.items():
    if url and ICP.get_param(key) != url:
        ICP.set_param(key, url)
# Badges and mails of new registrations go out from the crons, in batches (forum_emploi
# sets it at install; this covers databases made before).
if not ICP.get_param("event.event_mail_async"):
    ICP.set_param("event.event_mail_async", "True")
env.cr.commit()
print("Database ready: fr_FR for the administrator, timezone Europe/Paris.")
for key, url in urls.items():
    if url:
        print(f"{key} = {url}")
