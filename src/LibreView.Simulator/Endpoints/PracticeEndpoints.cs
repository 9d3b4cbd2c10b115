using LibreView.Simulator.Accounts;
using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary>
/// Practice lookups of a care-team-admin account (not in the public LibreLinkUp API, but what the product's
/// <c>freestyle_libre</c> flow needs): its practices, and a sharing patient found by email.
/// </summary>
internal static class PracticeEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet("/{region}/llu/practices", (string region, HttpContext context, AuthFlow flow, SimulatorState state) =>
            DataEndpoints.Authorized(context, region, flow, (viewer, ticket) =>
                Envelope.Ok(state.PracticesOf(viewer, region).Select(p => new WirePractice(p.PracticeId, p.Name, p.Region)).ToList(), ticket)));

        e.MapGet("/{region}/llu/practices/{practiceId}/patients", (string region, string practiceId, string? email,
                HttpContext context, AuthFlow flow, SimulatorState state) =>
            DataEndpoints.Authorized(context, region, flow, (viewer, ticket) =>
            {
                if (string.IsNullOrWhiteSpace(email)) return Envelope.Error(LibreStatus.StepOrError, "emailRequired");
                var (practice, patient) = state.FindSharingPatient(viewer, practiceId, region, email);
                if (practice is null) return Envelope.Error(LibreStatus.StepOrError, "practiceNotFound");
                return patient is null
                    ? Envelope.CouldNotLoadPatient()
                    : Envelope.Ok(new WirePracticePatient(patient.Id, patient.FirstName, patient.LastName, patient.Email, practice.PracticeId), ticket);
            }));
    }
}
