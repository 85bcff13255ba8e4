# Run through `odoo shell` by ./suite run and by the Docker init service, after the
# addons are installed or updated. Idempotent: it only sets what is not set yet.
# `env` and `odoo` are provided by odoo shell.
if not env["res.lang"]._lang_get("fr_FR"):
    odoo.tools.translate.load_language(env.cr, "fr_FR")
france = env.ref("base.fr")
company = env.ref("base.main_company")
if company.country_id != france:
    company.country_id = france
for user in env.ref("base.user_admin") | env.ref("base.user_root"):
    if user.lang != "fr_FR" or user.tz != "Europe/Paris":
        user.write({"lang": "fr_FR", "tz": "Europe/Paris"})
env.cr.commit()
print("Database ready: fr_FR for the administrator, timezone Europe/Paris.")
