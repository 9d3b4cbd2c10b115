using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Infrastructure;

/// <summary>The people seeded in the repository's appsettings.Development.json, and signing in as them.</summary>
public static class SeededPeople
{
    public sealed record Person(string Email, string Password, string Name, string Role);

    public static readonly Person Admin = new("admin@example.org", "Admin-Passw0rd!", "Ada Admin", "admin");
    public static readonly Person Support = new("support@example.org", "Support-Passw0rd!", "Sam Support", "support");
    public static readonly Person Viewer = new("viewer@example.org", "Viewer-Passw0rd!", "Vic Viewer", "viewer");

    /// <summary>Goes to <paramref name="path"/>, signs in on the development provider's page, and waits for the console.</summary>
    public static async Task SignInAsync(this IPage page, Person person, string path = "/")
    {
        await page.GotoAsync(path);
        await page.GetByLabel("Email").FillAsync(person.Email);
        await page.GetByLabel("Password").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByTestId("user-name").WaitForAsync();
    }
}
