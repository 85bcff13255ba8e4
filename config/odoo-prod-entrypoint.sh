#!/bin/sh
# Entry point of the Odoo nodes of docker-compose.prod.yml: sizes the HTTP workers from
# the machine as Odoo's deployment guide does (2 x CPU + 1 for the machine, shared by the
# ODOO_NODES nodes that run on it, at least 2 each), unless ODOO_WORKERS is set, then hands
# over to the image's own entry point (database connection from HOST, USER, PASSWORD).
# tools/launcher/cluster.py shares the same total for ./suite cluster, where it can also
# give what the division leaves to the first nodes (a replica cannot tell which it is).
set -eu
if [ -z "${ODOO_WORKERS:-}" ]; then
    cpus=$(nproc)
    ODOO_WORKERS=$(( (2 * cpus + 1) / ${ODOO_NODES:-2} ))
    [ "$ODOO_WORKERS" -ge 2 ] || ODOO_WORKERS=2
fi
exec /entrypoint.sh odoo --workers="$ODOO_WORKERS" "$@"
