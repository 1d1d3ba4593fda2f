"""Who may do what with the records residents and workflows create, in the admin (Wagtail 7.4 and 8.x)."""

from wagtail.permission_policies import ModelPermissionPolicy


class RestrictedPolicy(ModelPermissionPolicy):
    """Model permissions, minus the actions in ``refused`` for everyone, superusers included."""

    refused = ()

    def user_has_permission(self, user, action):
        if action in self.refused:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ResidentRecordPolicy(RestrictedPolicy):
    # Votes, comments and objections come only from residents: moderated, never added or deleted in the admin.
    refused = ("add", "delete", "copy")


class ReadOnlyPolicy(RestrictedPolicy):
    # Rows written by a workflow task only; nobody adds, edits or deletes one by hand.
    refused = ("add", "change", "delete", "copy")


def register_policy(model, policy, viewset_class):
    try:
        from wagtail.permissions import register_permission_policy
    except ImportError:  # Wagtail 7.4 reads the policy from the viewset
        viewset_class.permission_policy = policy
    else:
        register_permission_policy(model, policy)
