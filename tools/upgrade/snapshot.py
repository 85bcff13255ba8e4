# Executed inside `odoo shell` by `./suite upgrade-test` (`env` is the shell's environment),
# before and after the upgrade: writes to $SUITE_UPGRADE_SNAPSHOT a JSON file with, for each
# model of our addons and each stock model they extend (res.partner, event.event, ...),
# its row count and checksums per stored field: the md5 of every (id, value) pair in id
# order, per bucket of 100 ids, read in SQL. Computed stored fields are included;
# write_date and write_uid are not (an update rewrites them). Many2many fields are
# checksummed on their relation table, attachment-stored binaries on their ir.attachment
# checksums. The ids are kept as ranges to name the rows lost or added.
import json
import os

from odoo.tools import SQL

OUR_MODULES = ("territoire_industrie", "accompagnement_entreprise", "forum_emploi")
SKIPPED_FIELDS = {"write_date", "write_uid"}
# Checksums per bucket of ids: rows lost or added make their bucket incomparable, the
# others still prove every field unchanged.
BUCKET = 100
cr = env.cr  # noqa: F821 (defined by odoo shell)


def in_scope(model):
    if model._abstract or model._transient or not model._auto:
        return False
    return model._original_module in OUR_MODULES or any(
        field._module in OUR_MODULES for field in model._fields.values()
    )


def md5_of(pairs_sql, order):
    """SQL expression: md5 of the ordered pairs of a bucket."""
    return SQL("md5(string_agg(%s, ',' ORDER BY %s))", pairs_sql, order)


def bucketed(query):
    """{bucket: md5} from rows (bucket, md5)."""
    cr.execute(query)
    return {str(bucket): checksum for bucket, checksum in cr.fetchall()}


def model_checksums(model):
    table = SQL.identifier(model._table)
    columns = {}
    others = {}
    for name, field in sorted(model._fields.items()):
        if not field.store or name in SKIPPED_FIELDS:
            continue
        if field.type == "many2many":
            a, b = SQL.identifier(field.column1), SQL.identifier(field.column2)
            others[name] = SQL(
                "SELECT %s / %s, %s FROM %s GROUP BY 1",
                a,
                BUCKET,
                md5_of(SQL("%s::text || '-' || %s::text", a, b), SQL("%s, %s", a, b)),
                SQL.identifier(field.relation),
            )
        elif field.type == "binary" and field.attachment:
            others[name] = SQL(
                "SELECT res_id / %s, %s FROM ir_attachment"
                " WHERE res_model = %s AND res_field = %s GROUP BY 1",
                BUCKET,
                md5_of(SQL("res_id::text || ':' || coalesce(checksum, '')"), SQL("res_id, id")),
                model._name,
                name,
            )
        elif field.column_type:
            columns[name] = md5_of(
                SQL("id::text || ':' || coalesce(%s::text, '<null>')", SQL.identifier(name)),
                SQL("id"),
            )
    names = list(columns)
    cr.execute(
        SQL(
            "SELECT id / %s%s FROM %s GROUP BY 1",
            BUCKET,
            SQL("").join(SQL(", %s", columns[name]) for name in names),
            table,
        )
    )
    checksums = {name: {} for name in names}
    for bucket, *values in cr.fetchall():
        for name, value in zip(names, values, strict=True):
            checksums[name][str(bucket)] = value
    for name, query in others.items():
        checksums[name] = bucketed(query)
    cr.execute(SQL("SELECT count(*) FROM %s", table))
    rows = cr.fetchone()[0]
    # The ids as ranges [first, last], to name the rows lost or added.
    cr.execute(
        SQL(
            "SELECT min(id), max(id) FROM (SELECT id, id - row_number() OVER (ORDER BY id) AS g"
            " FROM %s) AS numbered GROUP BY g ORDER BY 1",
            table,
        )
    )
    return {"rows": rows, "fields": checksums, "ids": cr.fetchall()}


cr.execute(
    "SELECT name, latest_version FROM ir_module_module WHERE name IN %s AND state = 'installed'",
    [OUR_MODULES],
)
snapshot = {
    "modules": dict(cr.fetchall()),
    "models": {
        name: model_checksums(env[name])  # noqa: F821
        for name in sorted(env.registry.models)  # noqa: F821
        if in_scope(env[name])  # noqa: F821
    },
}
with open(os.environ["SUITE_UPGRADE_SNAPSHOT"], "w") as handle:
    json.dump(snapshot, handle, indent=1, sort_keys=True)
print(f"  snapshot: {len(snapshot['models'])} models", flush=True)
