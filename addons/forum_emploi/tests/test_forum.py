from ast import literal_eval

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import ForumEmploiCase


@tagged("post_install", "-at_install")
class TestForum(ForumEmploiCase):
    def test_forum_created_from_the_app_is_a_job_forum(self):
        action = self.env.ref("forum_emploi.event_event_action_forum")
        Event = self.env["event.event"].with_user(self.organiser)
        with Form(Event.with_context(**literal_eval(action.context))) as form:
            form.name = "Forum de l'emploi du Val de Morteau 2024"
        forum = form.save()
        self.assertEqual(forum.event_type_id, self.env.ref("forum_emploi.event_type_job_forum"))
        other = self.env["event.event"].create({"name": "Company seminar"})
        found = Event.search(literal_eval(action.domain))
        self.assertIn(forum, found)
        self.assertNotIn(other, found)

    def test_desk_sees_forums_but_cannot_plan_them(self):
        root = self.env.ref("forum_emploi.forum_emploi_menu_root")
        self.assertIn(root.id, self.env["ir.ui.menu"].with_user(self.desk)._visible_menu_ids())
        self.assertNotIn(
            root.id, self.env["ir.ui.menu"].with_user(self.employee)._visible_menu_ids()
        )
        with self.assertRaises(AccessError):
            self.env["event.event"].with_user(self.desk).create({"name": "Forum"})

    def test_roles_stack_on_odoo_event_groups(self):
        self.assertTrue(self.desk.has_group("event.group_event_registration_desk"))
        self.assertTrue(self.organiser.has_group("event.group_event_user"))
        self.assertTrue(self.organiser.has_group("forum_emploi.forum_emploi_group_desk"))
        self.assertTrue(self.manager.has_group("event.group_event_manager"))
        self.assertFalse(self.organiser.has_group("event.group_event_manager"))

    def test_only_managers_configure_forum_types(self):
        forum_type = self.env.ref("forum_emploi.event_type_job_forum")
        with self.assertRaises(AccessError):
            forum_type.with_user(self.organiser).write({"is_job_forum": False})
        forum_type.with_user(self.manager).write({"name": "Forum emploi et alternance"})
        self.assertTrue(forum_type.is_job_forum)
