using System.Reflection;
using Dashboard.Core.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using EventsPage = Dashboard.Web.Components.Pages.Events.Events;

namespace Dashboard.Web.Tests.Events;

public sealed class EventsPageAccessTests
{
    [Fact]
    public void The_page_is_at_events_for_support_and_admin_only()
    {
        Assert.Equal("/events", typeof(EventsPage).GetCustomAttribute<RouteAttribute>()?.Template);
        var policy = typeof(EventsPage).GetCustomAttribute<AuthorizeAttribute>()?.Policy;
        Assert.Equal(ConsolePolicies.ViewEvents, policy);
        Assert.Equal([ConsoleRoles.Support, ConsoleRoles.Admin], ConsolePolicies.Roles[policy!]);
    }
}
