using Dashboard.Core.Access;
using Dashboard.Core.Audit;

namespace Dashboard.Core.Patients;

/// <summary>
/// The patient list's CSV export as a Core operation: the role is checked again (a direct call can do no more than the
/// console's button), and the export, which reveals patient data, is audited before its first row is read.
/// </summary>
public sealed class PatientListExport(PatientListQuery query, AuditLog audit)
{
    /// <param name="filterText">The filter as the person gave it (the export URL's query), kept in the entry's details.</param>
    /// <exception cref="ConsoleAccessDeniedException">The actor's role may not export the list.</exception>
    public async Task<IAsyncEnumerable<PatientListRow>> StartAsync(StaffScope scope, AuditActor actor, PatientListFilter filter, string? filterText,
        CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ExportPatients, actor);
        await audit.WriteAsync(actor, AuditActions.ExportPatientList, details: $"filter: {filterText}", organizationId: scope.OrganizationId, ct: ct);
        return query.AllAsync(scope, filter, PatientSortColumn.ClientUserId, descending: false, ct);
    }
}
