using System.Text.RegularExpressions;

namespace Dashboard.Core.Patients;

/// <summary>What a display name, a date of birth and a tag may be; each check returns the reason a value is refused.</summary>
public static partial class PatientProfileRules
{
    public const int MaxNameLength = 200;
    public const int MaxTagLength = 32;
    public static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    /// <summary>The name as stored (trimmed, null when empty), or the reason it is refused.</summary>
    public static (string? Name, string? Error) Name(string? text)
    {
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name)) return (null, null);
        if (name.Length > MaxNameLength) return (null, $"a name is at most {MaxNameLength} characters");
        if (name.Any(char.IsControl)) return (null, "a name cannot contain control characters");
        return (name, null);
    }

    /// <summary>
    /// A date of birth as staff type it (<c>yyyy-MM-dd</c>, empty for none), or the reason the text is not one; whether
    /// the date itself is acceptable is <see cref="BirthDateError"/>.
    /// </summary>
    public static (DateOnly? Date, string? Error) BirthDate(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return (null, null);
        return DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? (date, null)
            : (null, "a date of birth is written yyyy-MM-dd, e.g. 1984-03-27");
    }

    public static string? BirthDateError(DateOnly? birth, DateOnly today) =>
        birth is not { } b ? null
        : b > today ? "the date of birth is in the future"
        : b < EarliestBirth ? $"the date of birth is before {EarliestBirth:yyyy-MM-dd}"
        : null;

    /// <summary>The tag as stored (trimmed, lower-case), or the reason it is refused.</summary>
    public static (string? Tag, string? Error) Tag(string? text)
    {
        var tag = text?.Trim().ToLowerInvariant() ?? "";
        return TagPattern().IsMatch(tag)
            ? (tag, null)
            : (null, $"a tag is 1–{MaxTagLength} letters, digits or dashes, starting with a letter or digit");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex TagPattern();
}
