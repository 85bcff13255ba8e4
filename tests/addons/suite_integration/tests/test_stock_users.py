from odoo.tests import Form, TransactionCase, new_test_user, tagged

VIEW_TYPES = ("form", "list", "kanban", "search")


@tagged("post_install", "-at_install")
class TestStockUsers(TransactionCase):
    """Users of Odoo's own apps, without any of our groups, keep working on their screens.

    Our addons add fields to the event, booth, registration, contact and lead views; the
    ones reading our models are shown to our groups only, so that opening those screens
    never asks for rights a stock user does not have (Odoo's own tests run as such users:
    ``./suite test --peers``).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.event_manager = new_test_user(
            cls.env, "suite_stock_event_manager", groups="event.group_event_manager"
        )
        cls.salesman = new_test_user(
            cls.env, "suite_stock_salesman", groups="sales_team.group_sale_salesman"
        )
        category = cls.env["event.booth.category"].create({"name": "Stand 9 m² (test)"})
        forum_type = cls.env.ref("forum_emploi.event_type_job_forum")
        cls.event = cls.env["event.event"].create(
            {
                "name": "Forum de l'emploi (test)",
                "event_type_id": forum_type.id,
                "date_begin": "2026-03-12 08:00:00",
                "date_end": "2026-03-12 17:00:00",
                "event_booth_ids": [
                    (0, 0, {"name": "Stand A1", "booth_category_id": category.id}),
                    (0, 0, {"name": "Stand A2", "booth_category_id": category.id}),
                ],
                "forum_zone_ids": [(0, 0, {"name": "Hall industrie"})],
            }
        )
        cls.event.event_booth_ids[0].forum_zone_id = cls.event.forum_zone_ids
        cls.registration = cls.env["event.registration"].create(
            {"event_id": cls.event.id, "name": "Camille Test", "email": "camille@example.com"}
        )
        cls.company = cls.env["res.partner"].create(
            {"name": "Fonderie Test", "is_company": True, "company_registry": "73282932000074"}
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Projet d'extension",
                "partner_id": cls.company.id,
                "type": "opportunity",
                "user_id": cls.salesman.id,
            }
        )

    def _open(self, records, user):
        """Load every view of the records' model and open them in a form, as ``user``."""
        records = records.with_user(user)
        views = records.get_views([(False, view_type) for view_type in VIEW_TYPES])["views"]
        self.assertEqual(set(views), set(VIEW_TYPES))
        for record in records:
            with Form(record) as form:
                self.assertEqual(form.id, record.id)
        records.web_search_read([], {"display_name": {}})

    def test_event_manager_works_on_a_forum_with_booths(self):
        self._open(self.event, self.event_manager)
        with Form(self.event.with_user(self.event_manager)) as form:
            self.assertEqual(form.event_booth_count, 2)
            form.name = "Forum de l'emploi de printemps (test)"
        self.assertEqual(self.event.name, "Forum de l'emploi de printemps (test)")
        self._open(self.event.event_booth_ids, self.event_manager)
        self._open(self.registration, self.event_manager)
        self._open(self.event.event_type_id, self.event_manager)

    def test_salesman_opens_a_contact_and_a_lead(self):
        self._open(self.company, self.salesman)
        self._open(self.lead, self.salesman)
        with Form(self.lead.with_user(self.salesman)) as form:
            form.expected_revenue = 12000
        self.assertEqual(self.lead.expected_revenue, 12000)
