from odoo import fields, models


class TerritoryCommuneFormer(models.Model):
    """A former commune code and the current commune that now covers its territory.

    Communes déléguées and associées come from the découpage administratif, and so do
    the other former codes of its current communes (``anciensCodes``): communes merged
    into a commune nouvelle without becoming communes déléguées, and codes changed with
    the département (the Seine and Seine-et-Oise, 1968). The reference loader records
    too the communes a newer vintage merges.
    """

    _name = "territory.commune.former"
    _description = "Former Commune"
    _order = "code"
    _rec_names_search = ["name", "code"]

    code = fields.Char(
        string="INSEE Code", required=True, index=True, help="The former official code (COG)."
    )
    name = fields.Char()
    kind = fields.Selection(
        [
            ("delegated", "Commune déléguée"),
            ("associated", "Commune associée"),
            ("merged", "Former commune (merged)"),
            ("renumbered", "Former code (new département)"),
        ],
        required=True,
        default="merged",
    )
    commune_id = fields.Many2one(
        "territory.commune",
        string="Current Commune",
        required=True,
        ondelete="restrict",
        index=True,
        help="The current commune whose territory includes this former commune.",
    )
    date_end = fields.Date(
        string="End Date", help="Date from which this code is no longer a current commune."
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A former commune with this INSEE code already exists.")
    ]

    def _compute_display_name(self):
        for former in self:
            former.display_name = f"{former.name} ({former.code})" if former.name else former.code
