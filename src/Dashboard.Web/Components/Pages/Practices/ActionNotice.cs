using MudBlazor;

namespace Dashboard.Web.Components.Pages.Practices;

/// <summary>The outcome of one action on the Practices page, shown next to what it changed.</summary>
public sealed record ActionNotice(bool Succeeded, string Text)
{
    public Severity Severity => Succeeded ? Severity.Success : Severity.Warning;
}
