using Dashboard.Core.Audit;

namespace Dashboard.Web.Tests.Audit;

/// <summary>
/// THE list of per-action audit tests (issue #15): for every entry of <see cref="AuditActions.All"/>, the test(s) that
/// perform the action through its real entry point (a page in bUnit or Chromium, the API over HTTP, the CLI's entry)
/// and find exactly one entry with the actor, the role, the target and the time (<c>Dashboard.TestSupport.AuditAssert</c>).
/// <see cref="AuditCoverageTests"/> fails while an action has no line here, or a line names a test that does not exist
/// or does not mention the action. A branch that adds an action adds its line(s) here, next to the action's test.
/// </summary>
public static class AuditCoverage
{
    /// <summary>One per-action test: its file (from the repository root) and its method name.</summary>
    public sealed record AuditTest(string Action, string File, string Method);

    private const string Web = "tests/Dashboard.Web.Tests/";
    private const string Core = "tests/Dashboard.Core.Tests/";
    private const string Browser = "tests/Dashboard.EndToEnd.Tests/";

    public static IReadOnlyList<AuditTest> Tests { get; } =
    [
        new(AuditActions.ViewPatient, Web + "Audit/PatientAuditTests.cs", "Opening_a_patient_s_page_is_audited_once_with_the_person_and_the_patient"),
        new(AuditActions.ViewGlucose, Web + "Review/GlucoseReviewPageTests.cs", "Viewing_the_review_is_written_to_the_audit_log"),
        new(AuditActions.CreateReconnectLink, Web + "Audit/PatientAuditTests.cs", "Creating_a_reconnect_link_on_the_patient_s_card_is_audited_once"),
        new(AuditActions.ImportCsv, Web + "Import/CsvImportPanelTests.cs", "A_console_import_is_audited_once_with_the_person_and_the_patient"),
        new(AuditActions.ImportCsv, Core + "Cli/ImportCsvCommandTests.cs", "A_command_line_import_is_audited_once_with_the_account_that_ran_it"),
        new(AuditActions.ChangePractice, Browser + "Practices/PracticesPageTests.cs", "An_admin_adds_a_custom_practice_verifies_it_once_invited_and_binds_a_team_to_it"),
        new(AuditActions.ChangeBinding, Web + "Practices/PracticesPageTests.cs", "Binding_and_unbinding_on_the_page_are_each_audited_once_by_the_core_operation"),
        new(AuditActions.ChangeBinding, Web + "Api/PracticeBindingApiTests.cs", "Binding_and_unbinding_through_the_API_are_each_audited_once_as_the_management_key"),
        new(AuditActions.CreateOrganization, Web + "Audit/AuditExportAndBootstrapTests.cs", "On_an_empty_store_the_bootstrap_admin_creates_the_organisation_once_and_it_is_audited"),
        new(AuditActions.InviteMember, Web + "Members/MembersPageTests.cs", "An_invited_person_is_listed_with_the_role_and_the_invitation_is_audited_once"),
        new(AuditActions.ChangeMemberRole, Web + "Members/MembersPageTests.cs", "A_role_change_and_a_removal_are_stored_and_audited_once_each"),
        new(AuditActions.RemoveMember, Web + "Members/MembersPageTests.cs", "A_role_change_and_a_removal_are_stored_and_audited_once_each"),
        new(AuditActions.CreateTeam, Web + "Teams/TeamsPageTests.cs", "A_team_is_created_in_the_chosen_environment_and_region_then_renamed_each_audited_once"),
        new(AuditActions.RenameTeam, Web + "Teams/TeamsPageTests.cs", "A_team_is_created_in_the_chosen_environment_and_region_then_renamed_each_audited_once"),
        new(AuditActions.CreateTeamApiKey, Web + "Teams/TeamsPageTests.cs", "A_new_key_is_shown_once_listed_by_prefix_stored_as_a_hash_and_revoked"),
        new(AuditActions.RevokeTeamApiKey, Web + "Teams/TeamsPageTests.cs", "A_new_key_is_shown_once_listed_by_prefix_stored_as_a_hash_and_revoked"),
        new(AuditActions.CreateManagementKey, Web + "OrgManagement/ManagementKeysPageTests.cs", "A_new_key_is_shown_once_stored_as_a_hash_works_and_can_be_revoked"),
        new(AuditActions.RevokeManagementKey, Web + "OrgManagement/ManagementKeysPageTests.cs", "A_new_key_is_shown_once_stored_as_a_hash_works_and_can_be_revoked"),
        new(AuditActions.AddWebhookEndpoint, Web + "Events/WebhookEndpointRemovalTests.cs", "Adding_disabling_enabling_rotating_and_deleting_are_each_audited_once_and_the_delivery_log_stays"),
        new(AuditActions.EnableWebhookEndpoint, Web + "Events/WebhookEndpointRemovalTests.cs", "Adding_disabling_enabling_rotating_and_deleting_are_each_audited_once_and_the_delivery_log_stays"),
        new(AuditActions.DisableWebhookEndpoint, Web + "Events/WebhookEndpointRemovalTests.cs", "Adding_disabling_enabling_rotating_and_deleting_are_each_audited_once_and_the_delivery_log_stays"),
        new(AuditActions.RotateWebhookSecret, Web + "Events/WebhookEndpointRemovalTests.cs", "Adding_disabling_enabling_rotating_and_deleting_are_each_audited_once_and_the_delivery_log_stays"),
        new(AuditActions.DeleteWebhookEndpoint, Web + "Events/WebhookEndpointRemovalTests.cs", "Adding_disabling_enabling_rotating_and_deleting_are_each_audited_once_and_the_delivery_log_stays"),
        new(AuditActions.RemovePractice, Web + "Practices/PracticesPageTests.cs", "A_practice_a_team_is_bound_to_cannot_be_removed_and_an_unbound_one_is_removed_and_audited"),
        new(AuditActions.ExportPatientList, Web + "Audit/AuditExportAndBootstrapTests.cs", "The_audit_export_holds_the_filtered_rows_and_the_patient_export_is_audited_once"),
        new(AuditActions.SignInPracticeAccount, Browser + "Practices/PracticeAccountsPageTests.cs", "An_admin_signs_a_practice_account_in_with_the_code_LibreView_e_mailed"),
        new(AuditActions.SignInPracticeAccount, Web + "Practices/PracticeAccountSignInAuditTests.cs", "An_unattended_sign_in_is_an_installation_level_entry_in_the_same_save_as_the_session"),
        new(AuditActions.SendInvitation, Web + "Invitations/InvitationPanelTests.cs", "Sending_shows_the_link_and_its_QR_code_keeps_only_a_hash_and_is_audited_once"),
        new(AuditActions.ResendInvitation, Web + "Invitations/InvitationPanelTests.cs", "The_list_shows_each_invitation_s_state_and_a_resend_gives_a_new_link_audited_once"),
        new(AuditActions.ChangePlan, Web + "Plans/PlanPageTests.cs", "An_admin_changes_the_plan_and_the_change_is_audited_once"),
        new(AuditActions.ChangePatientProfile, Web + "Patients/PatientProfilePanelTests.cs", "Saving_a_name_and_date_of_birth_shows_and_stores_them_and_is_audited_once"),
        new(AuditActions.AddPatientTag, Web + "Patients/PatientProfilePanelTests.cs", "Adding_a_tag_shows_it_lower_cased_and_is_audited_once_and_a_repeat_is_refused"),
        new(AuditActions.RemovePatientTag, Web + "Patients/PatientProfilePanelTests.cs", "Removing_a_tag_with_its_labelled_button_removes_only_it_and_is_audited_once"),
    ];
}
