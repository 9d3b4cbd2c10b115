using System.Resources;

namespace Dashboard.Web.Resources;

/// <summary>
/// The messages of validation attributes, which cannot take an <c>IStringLocalizer</c>: an attribute names one of these
/// properties (<c>ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.LinkEmailRequired)</c>)
/// and each reads its <see cref="ConsoleText"/> key from the same resource, in the current UI culture.
/// </summary>
public static class ValidationText
{
    private static readonly ResourceManager Resources = new(typeof(ConsoleText));

    public static string LinkEmailRequired => Text(ConsoleText.Key("Link.EmailRequired"));
    public static string LinkEmailInvalid => Text(ConsoleText.Key("Link.EmailInvalid"));
    public static string LinkPasswordRequired => Text(ConsoleText.Key("Link.PasswordRequired"));
    public static string LinkMfaCodeRequired => Text(ConsoleText.Key("Link.Mfa.CodeRequired"));
    public static string LinkMfaDigitsOnly => Text(ConsoleText.Key("Link.Mfa.DigitsOnly"));
    public static string PracticeIdRequired => Text(ConsoleText.Key("Practices.IdRequired"));

    private static string Text(string key) => Resources.GetString(key) ?? key;
}
