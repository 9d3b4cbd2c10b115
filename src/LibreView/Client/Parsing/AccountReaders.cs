using System.Text.Json;

namespace LibreView.Client.Parsing;

/// <summary><c>GET /user</c> (§3.1): the account and its practices (read from <c>data.user.practices</c> and <c>data.practices</c>).</summary>
internal static class AccountReader
{
    public static LibreViewAccount Read(LibreReply reply)
    {
        var user = reply.DataProperty("user") ?? throw new JsonException("The answer has no user");
        var id = LibreViewClient.Text(user, "id") ?? throw new JsonException("The user has no id");
        var practices = Practices(user).Concat(reply.DataProperty("practices") is { } p ? PracticesIn(p) : [])
            .DistinctBy(x => x.Id).ToList();
        return new LibreViewAccount(id, LibreViewClient.Text(user, "email"), LibreViewClient.Text(user, "accountType"), practices,
            PersonReader.Read(user, "dateOfBirth"));
    }

    private static IEnumerable<Practice> Practices(JsonElement user) =>
        user.TryGetProperty("practices", out var p) ? PracticesIn(p) : [];

    internal static IEnumerable<Practice> PracticesIn(JsonElement map) =>
        map.ValueKind != JsonValueKind.Object
            ? []
            : map.EnumerateObject()
                .Where(e => e.Value.ValueKind == JsonValueKind.Object)
                .Select(e => new Practice(
                    LibreViewClient.Text(e.Value, "id") ?? e.Name,
                    LibreViewClient.Text(e.Value, "practiceId") ?? "",
                    LibreViewClient.Text(e.Value, "name") ?? ""))
                .ToList();
}

/// <summary><c>GET /patients/{id}</c> (§4.4): the patient, if the email matches and (when asked) the practice is one of theirs.</summary>
internal static class PatientReader
{
    public static PracticePatient? Read(LibreReply reply, string email, string? practiceId)
    {
        var patient = reply.DataProperty("patient") ?? throw new JsonException("The answer has no patient");
        if (!string.Equals(LibreViewClient.Text(patient, "email"), email, StringComparison.OrdinalIgnoreCase)) return null;
        var practices = patient.TryGetProperty("practices", out var p) ? AccountReader.PracticesIn(p).ToList() : [];
        var practice = practiceId is null
            ? practices.FirstOrDefault()
            : practices.FirstOrDefault(x => string.Equals(x.PracticeId, practiceId, StringComparison.OrdinalIgnoreCase));
        if (practiceId is not null && practice is null) return null;
        return new PracticePatient(
            LibreViewClient.Text(patient, "id") ?? throw new JsonException("The patient has no id"),
            LibreViewClient.Text(patient, "firstName") ?? "",
            LibreViewClient.Text(patient, "lastName") ?? "",
            LibreViewClient.Text(patient, "email") ?? email,
            practice?.PracticeId ?? "",
            PersonReader.BirthDate(patient, "dob"));
    }
}

/// <summary>A device of <c>reportSettings.dataSources</c> (§3.2).</summary>
internal sealed record ReportDevice(string Id, int Type, int? LatestDaysData, int? TimeOffsetMinutes);

/// <summary>The report's devices: the primary one has the smallest <c>daysData</c> value (§3.2, §10 Q15), the rest are secondary.</summary>
internal sealed record ReportDevices(ReportDevice Primary, IReadOnlyList<string> Secondary)
{
    public static ReportDevices? Read(LibreReply reply)
    {
        if (reply.DataProperty("dataSources") is not { ValueKind: JsonValueKind.Object } sources) return null;
        var devices = sources.EnumerateObject()
            .Where(e => e.Value.ValueKind == JsonValueKind.Object)
            .Select(e => new ReportDevice(
                LibreViewClient.Text(e.Value, "id") ?? e.Name,
                e.Value.TryGetProperty("type", out var t) && t.TryGetInt32(out var type) ? type : 0,
                e.Value.TryGetProperty("daysData", out var d) && d.ValueKind == JsonValueKind.Array && d.GetArrayLength() > 0
                    ? d.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetInt32()).DefaultIfEmpty(int.MaxValue).Min()
                    : null,
                e.Value.TryGetProperty("timeOffsetMinutes", out var o) && o.TryGetInt32(out var offset) ? offset : null))
            .ToList();
        var primary = devices.Where(d => d.LatestDaysData is not null).MinBy(d => d.LatestDaysData);
        return primary is null ? null : new ReportDevices(primary, devices.Where(d => d.Id != primary.Id).Select(d => d.Id).ToList());
    }
}

/// <summary>The name and date of birth of an account object; whatever is missing or unreadable is left out, never an error.</summary>
internal static class PersonReader
{
    public static LibreViewPerson? Read(JsonElement o, string birthDateName)
    {
        var person = new LibreViewPerson(LibreViewClient.Text(o, "firstName"), LibreViewClient.Text(o, "lastName"), BirthDate(o, birthDateName));
        return person.FullName is null && person.DateOfBirth is null ? null : person;
    }

    /// <summary>
    /// <c>user.dateOfBirth</c> is epoch seconds (§3.1, confirmed); the Pro <c>dob</c> is assumed to be the same, and an
    /// ISO date string is read too, so a differing server still gives a date or none.
    /// </summary>
    public static DateOnly? BirthDate(JsonElement o, string name)
    {
        if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty(name, out var v)) return null;
        long? seconds = v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(v.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
        if (seconds is { } s)
        {
            return s is > -2_208_988_800 and < 4_102_444_800 ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime) : null;
        }
        return v.ValueKind == JsonValueKind.String
               && DateTimeOffset.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
            ? DateOnly.FromDateTime(date.UtcDateTime)
            : null;
    }
}
