#!/bin/sh
# One-shot init of the Docker path (docker-compose.yml, service "init"): the same steps
# as `./suite run` before it serves. Installs the addons with French demo data on a new
# database, updates them on an existing one (data kept), then sets French and
# Europe/Paris for the administrator and the URLs PDFs need.
set -eu
DB=territoires
MODULES=territoire_industrie,accompagnement_entreprise,forum_emploi
CONN="--db_host=${HOST} --db_port=${PORT:-5432} --db_user=${USER} --db_password=${PASSWORD}"

installed=$(PGPASSWORD="$PASSWORD" psql -h "$HOST" -U "$USER" -d "$DB" -tAc \
    "SELECT count(*) FROM ir_module_module WHERE state = 'installed'
     AND name IN ('territoire_industrie', 'accompagnement_entreprise', 'forum_emploi')" \
    2>/dev/null || echo 0)
if [ "$installed" = "3" ]; then
    odoo $CONN -d "$DB" -u "$MODULES" --stop-after-init --no-http
else
    odoo $CONN -d "$DB" -i "$MODULES" --load-language=fr_FR --stop-after-init --no-http
fi
# wkhtmltopdf fetches a PDF's styles from the Odoo of its own container (port 8069);
# web.base.url is changed only when ODOO_BASE_URL gives the public address.
SUITE_REPORT_URL="http://127.0.0.1:8069" SUITE_BASE_URL="${ODOO_BASE_URL:-}" \
    odoo shell $CONN -d "$DB" --no-http --log-level=warn < /etc/odoo/setup_database.py
