namespace Dashboard.Web.Components;

/// <summary>How the console reads a typed filter or query value: trimmed, and nothing when it is blank.</summary>
public static class FormText
{
    public static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
