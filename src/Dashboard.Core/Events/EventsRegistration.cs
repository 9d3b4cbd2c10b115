using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Events;

internal static class EventsRegistration
{
    /// <summary>The event store: recording events, their payloads (section <c>Events</c>) and the event stream query.</summary>
    internal static IServiceCollection AddEventsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventPayloadOptions>().Bind(configuration.GetSection(EventPayloadOptions.Section));
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<EventPayloads>();
        services.AddSingleton<EventStreamQuery>();
        return services;
    }
}
