using LibreView.Wire;

namespace LibreView.Simulator.Accounts;

/// <summary>The <c>data</c> of a successful login and the cut-down user of a step, as in the real captures.</summary>
internal static class LoginPayloads
{
    public static string AccountType(SimAccount a) => a.IsPatient ? "pat" : "hcp";

    public static object StepUser(SimAccount a) => new { accountType = AccountType(a), country = a.Country, uiLanguage = "en-US" };

    public static object Authenticated(SimAccount a, WireTicket ticket, string trustedDeviceToken, DateTimeOffset now)
    {
        var created = a.Created.ToUnixTimeSeconds();
        return new
        {
            user = new
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
                system = new { messages = new { firstUsePhoenix = created, lvWebPostRelease = "3.19.10" } },
                details = new { },
                twoFactor = new { primaryMethod = a.Mfa == MfaMethods.Sms ? "phone" : a.Mfa == MfaMethods.Email ? "email" : "", primaryValue = a.Mfa == MfaMethods.None ? "" : a.MfaDestination, secondaryMethod = "", secondaryValue = "" },
                created,
                lastLogin = now.ToUnixTimeSeconds(),
                programs = new { },
                dateOfBirth = 29894400,
                practices = new { },
                devices = new { },
                consents = new { llu = new { policyAccept = created, touAccept = created } },
            },
            messages = new { unread = 0 },
            notifications = new { unresolved = 0 },
            authTicket = ticket,
            invitations = Array.Empty<string>(),
            trustedDeviceToken,
        };
    }
}
