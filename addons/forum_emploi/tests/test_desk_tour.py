from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDeskTour(HttpCase):
    def test_desk_tour(self):
        new_test_user(self.env, "fe_tour_desk", groups="forum_emploi.forum_emploi_group_desk")
        forum = self.env["event.event"].create(
            {
                "name": "Forum du tour",
                "event_type_id": self.env.ref("forum_emploi.event_type_job_forum").id,
            }
        )
        registration = self.env["event.registration"].create(
            {"event_id": forum.id, "name": "Camille Dupont", "barcode": "4242424242424242"}
        )
        self.start_tour(
            "/odoo/action-forum_emploi.forum_emploi_action_checkin_desk",
            "forum_emploi_checkin_desk_tour",
            login="fe_tour_desk",
        )
        self.assertEqual(registration.state, "done")
        walk_in = self.env["event.registration"].search(
            [("event_id", "=", forum.id), ("is_walk_in", "=", True)]
        )
        self.assertEqual(walk_in.name, "Karim Walkin")
        self.assertEqual(walk_in.state, "done")

    def test_desk_offline_tour(self):
        new_test_user(self.env, "fe_tour_offline", groups="forum_emploi.forum_emploi_group_desk")
        forum = self.env["event.event"].create(
            {
                "name": "Forum hors ligne",
                "event_type_id": self.env.ref("forum_emploi.event_type_job_forum").id,
            }
        )
        registration = self.env["event.registration"].create(
            {"event_id": forum.id, "name": "Inès Guyon", "barcode": "7373737373737373"}
        )
        self.start_tour(
            "/odoo/action-forum_emploi.forum_emploi_action_checkin_desk",
            "forum_emploi_checkin_desk_offline_tour",
            login="fe_tour_offline",
        )
        self.assertEqual(registration.state, "done")
        self.assertTrue(registration.date_closed)
