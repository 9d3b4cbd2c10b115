using LibreView.Simulator.Endpoints;
using LibreView.Wire;

namespace LibreView.Simulator.Accounts;

/// <summary>The <c>user</c> of a login or <c>GET /user</c>, and the cut-down user of a step, as in the real captures (§3.1).</summary>
internal static class LoginPayloads
{
    // assumed: the Pro accountType is not public (§10 Q11)
    public static string AccountType(SimAccount a) => a.IsPatient ? "pat" : "hcp";

    public static object StepUser(SimAccount a) => new { accountType = AccountType(a), country = a.Country, uiLanguage = "en-US" };

    public static object Authenticated(SimAccount a, IReadOnlyList<SimPractice> practices, WireTicket ticket, string trustedDeviceToken, DateTimeOffset now) => new
    {
        user = User(a, practices, now),
        messages = new { unread = 0 },
        notifications = new { unresolved = 0 },
        authTicket = ticket,
        invitations = Array.Empty<object>(),
        trustedDeviceToken,
    };

    public static object UserData(SimAccount a, IReadOnlyList<SimPractice> practices, WireTicket ticket, DateTimeOffset now) => new
    {
        user = User(a, practices, now),
        messages = new { unread = 0 },
        notifications = new { unresolved = 0 },
        authTicket = ticket,
        invitations = Array.Empty<object>(),
    };

    public static Dictionary<string, object> PracticeMap(IEnumerable<SimPractice> practices) =>
        practices.ToDictionary(p => p.Id, p => (object)new
        {
            id = p.Id, practiceId = p.PracticeId, name = p.Name, address1 = "1 Example Street", city = "", state = "", zip = "", phoneNumber = "",
        });

    public static string DeviceId(SimAccount patient) => Ids.Stable($"device:{patient.Id}");

    private static object User(SimAccount a, IReadOnlyList<SimPractice> practices, DateTimeOffset now)
    {
        var created = a.Created.ToUnixTimeSeconds();
        var mfa = a.EffectiveMfa;
        return new
        {
            id = a.Id,
            firstName = a.FirstName,
            lastName = a.LastName,
            email = a.Email,
            country = a.Country,
            uiLanguage = "en-US",
            communicationLanguage = "en-US",
            accountType = AccountType(a),
            uom = a.UsesMmol ? "0" : "1",
            dateFormat = "2",
            timeFormat = "2",
            emailDay = new[] { 1 },
            system = new { messages = new { appReviewBanner = created, firstUsePhoenix = created, firstUsePhoenixReportsDataMerged = created, lluNewFeatureModal = created, lluOnboarding = created, lvWebPostRelease = "3.25.3" } },
            details = new { },
            twoFactor = new
            {
                primaryMethod = mfa == MfaMethods.Sms ? "phone" : mfa == MfaMethods.Email ? "email" : "",
                primaryValue = mfa == MfaMethods.None ? "" : a.MfaDestination,
                secondaryMethod = mfa == MfaMethods.Sms ? "email" : "",
                secondaryValue = mfa == MfaMethods.Sms ? a.Email : "",
            },
            created,
            lastLogin = now.ToUnixTimeSeconds(),
            programs = new { },
            dateOfBirth = 396144000,
            practices = PracticeMap(practices),
            devices = a.Data is { } data
                ? new Dictionary<string, object> { [DeviceId(a)] = new { id = DeviceId(a), nickname = "", sn = data.SessionAt(now).SerialNumber, type = data.Sensor.DeviceTypeId, uploadDate = now.ToUnixTimeSeconds() } }
                : new Dictionary<string, object>(),
            consents = new { llu = new { policyAccept = created, touAccept = created } },
        };
    }
}
