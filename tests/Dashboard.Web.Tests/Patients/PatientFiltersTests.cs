using Bunit;
using Dashboard.Core.Patients;
using Dashboard.Web.Components.Pages.Patients;
using Dashboard.Web.Tests.Support;
using MudBlazor;

namespace Dashboard.Web.Tests.Patients;

/// <summary>The patient list's search field: a label short enough for the field in English and German, what it searches said in full.</summary>
public sealed class PatientFiltersTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();

    public PatientFiltersTests()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Sam Support");
        auth.SetConsoleRole("support");
        auth.SetClaims(new System.Security.Claims.Claim("email", TestStore.DefaultStaffMember));
    }

    public Task InitializeAsync() => _store.AddToAsync(Services, seedDemo: true);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _store.DisposeAsync();
    }

    [Theory]
    [InlineData("de", "Suchen", "Name, Client- oder LibreView-ID; mindestens 3 Zeichen", "Name, Client- oder LibreView-ID suchen")]
    [InlineData("en", "Search", "Name, client or LibreView id; at least 3 characters", "Search name, client or LibreView id")]
    public void The_search_label_fits_and_the_helper_text_and_accessible_name_say_what_is_searched(string culture, string label, string helper, string name) =>
        InCulture.Run(culture, () =>
        {
            Render<MudPopoverProvider>();
            var filters = Render<PatientFilters>(p => p.Add(f => f.Filter, new PatientListFilter()));

            var search = filters.FindComponents<MudTextField<string>>()
                .Single(t => t.Instance.UserAttributes.TryGetValue("data-testid", out var id) && id?.ToString() == "patient-search");
            // The German label was "Name, Client- oder LibreView-ID suchen", cut to "…such…" in the field: the visible
            // label is now one word, which fits the field's narrowest width (10rem) in both languages.
            Assert.Equal(label, search.Find("label").TextContent.Trim());
            Assert.True(label.Length <= 8);
            Assert.Equal(helper, search.Find(".mud-input-helper-text").TextContent.Trim());
            Assert.Equal(name, search.Find("input").GetAttribute("aria-label"));
            Assert.Contains(label, name, StringComparison.OrdinalIgnoreCase); // the visible label is part of the accessible name (WCAG 2.5.3)
        });
}
