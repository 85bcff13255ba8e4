from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class ForumEmploiCase(TransactionCase):
    """One user per role of the addon, built once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, "fe_employee", groups="base.group_user")
        cls.desk = new_test_user(cls.env, "fe_desk", groups="forum_emploi.forum_emploi_group_desk")
        cls.organiser = new_test_user(
            cls.env, "fe_organiser", groups="forum_emploi.forum_emploi_group_user"
        )
        cls.manager = new_test_user(
            cls.env, "fe_manager", groups="forum_emploi.forum_emploi_group_manager"
        )
        cls.recruiter = new_test_user(
            cls.env, "fe_recruiter", groups="forum_emploi.forum_emploi_group_exhibitor"
        )


class ForumDataCase(ForumEmploiCase):
    """A forum with two exhibitors, offers, stands and candidates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.forum = cls.env["event.event"].create(
            {
                "name": "Forum de l'emploi test",
                "event_type_id": cls.env.ref("forum_emploi.event_type_job_forum").id,
                "date_begin": "2024-03-14 08:00:00",
                "date_end": "2024-03-14 16:00:00",
                "date_tz": "Europe/Paris",
            }
        )
        cls.other_event = cls.env["event.event"].create(
            {
                "name": "Other event",
                "date_begin": "2024-03-14 08:00:00",
                "date_end": "2024-03-14 16:00:00",
            }
        )
        cls.zone = cls.env["forum.zone"].create(
            {"name": "Recrutement", "event_id": cls.forum.id, "kind": "recruitment"}
        )
        Partner = cls.env["res.partner"]
        cls.company_a = Partner.create({"name": "Usinage du Russey", "is_company": True})
        cls.company_b = Partner.create({"name": "Transports Comtois", "is_company": True})
        cls.exhibitor_a = cls.env["forum.exhibitor"].create(
            {
                "event_id": cls.forum.id,
                "partner_id": cls.company_a.id,
                "siret": "732 829 320 00074",
                "user_ids": [(6, 0, cls.recruiter.ids)],
            }
        )
        cls.exhibitor_b = cls.env["forum.exhibitor"].create(
            {"event_id": cls.forum.id, "partner_id": cls.company_b.id}
        )
        cls.booth = cls.env["event.booth"].create(
            {
                "name": "Stand A1",
                "event_id": cls.forum.id,
                "booth_category_id": cls.env["event.booth.category"]
                .create({"name": "Standard"})
                .id,
                "forum_zone_id": cls.zone.id,
                "forum_exhibitor_id": cls.exhibitor_a.id,
            }
        )
        Offer = cls.env["forum.job.offer"]
        cls.offer_a = Offer.create(
            {
                "exhibitor_id": cls.exhibitor_a.id,
                "name": "Décolleteur",
                "rome_code": "h2903",
                "contract_type": "cdi",
                "positions": 3,
            }
        )
        cls.offer_b = Offer.create(
            {
                "exhibitor_id": cls.exhibitor_b.id,
                "name": "Chauffeur poids lourd",
                "rome_code": "N4101",
                "contract_type": "cdd",
                "positions": 2,
            }
        )
        Registration = cls.env["event.registration"]
        cls.candidate = Registration.create(
            {"event_id": cls.forum.id, "name": "Julie Martin", "email": "julie@example.com"}
        )
        cls.cancelled = Registration.create(
            {"event_id": cls.forum.id, "name": "Paul Durand", "email": "paul@example.com"}
        )
        cls.cancelled.action_cancel()
        cls.staff = Registration.create(
            {"event_id": cls.forum.id, "name": "Marc Petit", "exhibitor_id": cls.exhibitor_a.id}
        )
        cls.stranger = Registration.create({"event_id": cls.other_event.id, "name": "Zoé Roux"})
