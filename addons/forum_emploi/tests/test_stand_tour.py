from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestStandTour(HttpCase):
    def test_stand_screen_tour(self):
        recruiter = new_test_user(
            self.env, "fe_tour_recruiter", groups="forum_emploi.forum_emploi_group_exhibitor"
        )
        forum_type = self.env.ref("forum_emploi.event_type_job_forum")
        forum, other = self.env["event.event"].create(
            [
                {"name": "Forum du stand", "event_type_id": forum_type.id},
                {"name": "Autre forum", "event_type_id": forum_type.id},
            ]
        )
        company = self.env["res.partner"].create({"name": "Usinage Comtois", "is_company": True})
        exhibitor = self.env["forum.exhibitor"].create(
            {"event_id": forum.id, "partner_id": company.id, "user_ids": recruiter.ids}
        )
        offer = self.env["forum.job.offer"].create(
            {"exhibitor_id": exhibitor.id, "name": "Tourneur", "rome_code": "H2903"}
        )
        Registration = self.env["event.registration"]
        camille, louis, _stranger = Registration.create(
            [
                {"event_id": forum.id, "name": "Camille Dupont", "barcode": "5151515151515151"},
                {"event_id": forum.id, "name": "Louis Droz"},
                {"event_id": other.id, "name": "Zoé Roux", "barcode": "6161616161616161"},
            ]
        )
        self.start_tour(
            "/odoo/action-forum_emploi.forum_emploi_action_stand_screen",
            "forum_emploi_stand_screen_tour",
            login="fe_tour_recruiter",
        )
        interviews = self.env["forum.interview"].search([("exhibitor_id", "=", exhibitor.id)])
        self.assertEqual(interviews.registration_id, camille | louis)
        first = interviews.filtered(lambda i: i.registration_id == camille)
        self.assertEqual(
            (first.offer_id, first.state, first.note), (offer, "shortlisted", "Très motivée")
        )
