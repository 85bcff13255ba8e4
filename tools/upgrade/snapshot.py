# Executed inside `odoo shell` by `./suite upgrade-test` (`env` is the shell's environment),
# before and after the upgrade: writes to $SUITE_UPGRADE_SNAPSHOT a JSON file with, for each
# model of our addons and each stock model they extend (res.partner, event.event, ...),
# its row count and one checksum per stored field: the md5 of every (id, value) pair in id
# order, read in SQL. Computed stored fields are included; write_date and write_uid are
# not (an update rewrites them). Many2many fields are checksummed on their relation table,
# attachment-stored binaries on their ir.attachment checksums. The ids are kept as
# ranges to name the rows lost or added.
import json
import os

from odoo.tools import SQL

OUR_MODULES = ("territoire_industrie", "accompagnement_entreprise", "forum_emploi")
SKIPPED_FIELDS = {"write_date", "write_uid"}
cr = env.cr  # noqa: F821 (defined by odoo shell)


def in_scope(model):
    if model._abstract or model._transient or not model._auto:
        return False
    return model._original_module in OUR_MODULES or any(
        field._module in OUR_MODULES for field in model._fields.values()
    )


def md5_of(pairs_sql):
    """SQL expression: md5 of the ordered pairs, md5('') when there are none."""
    return SQL("md5(coalesce(string_agg(%s, ',' ORDER BY id), ''))", pairs_sql)


def model_checksums(model):
    table = SQL.identifier(model._table)
    columns = {}
    others = {}
    for name, field in sorted(model._fields.items()):
        if not field.store or name in SKIPPED_FIELDS:
            continue
        if field.type == "many2many":
            others[name] = SQL(
                "SELECT md5(coalesce(string_agg(%(a)s::text || '-' || %(b)s::text, ','"
                " ORDER BY %(a)s, %(b)s), '')) FROM %(rel)s",
                a=SQL.identifier(field.column1),
                b=SQL.identifier(field.column2),
                rel=SQL.identifier(field.relation),
            )
        elif field.type == "binary" and field.attachment:
            others[name] = SQL(
                "SELECT md5(coalesce(string_agg(res_id::text || ':' || coalesce(checksum, ''),"
                " ',' ORDER BY res_id, id), '')) FROM ir_attachment"
                " WHERE res_model = %s AND res_field = %s",
                model._name,
                name,
            )
        elif field.column_type:
            columns[name] = md5_of(
                SQL(
                    "id::text || ':' || coalesce(%s::text, '<null>')",
                    SQL.identifier(name),
                )
            )
    names = list(columns)
    cr.execute(
        SQL(
            "SELECT count(*)%s FROM %s",
            SQL("").join(SQL(", %s", columns[name]) for name in names),
            table,
        )
    )
    row = cr.fetchone()
    checksums = dict(zip(names, row[1:], strict=True))
    for name, query in others.items():
        cr.execute(query)
        checksums[name] = cr.fetchone()[0]
    # The ids as ranges [first, last], to name the rows lost or added.
    cr.execute(
        SQL(
            "SELECT min(id), max(id) FROM (SELECT id, id - row_number() OVER (ORDER BY id) AS g"
            " FROM %s) AS numbered GROUP BY g ORDER BY 1",
            table,
        )
    )
    return {"rows": row[0], "fields": checksums, "ids": cr.fetchall()}


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
