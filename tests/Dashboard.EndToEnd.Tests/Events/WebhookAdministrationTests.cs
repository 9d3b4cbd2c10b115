using Dashboard.Core.Tests.Events;
using Dashboard.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using StandardWebhooks;

namespace Dashboard.EndToEnd.Tests.Events;

public sealed class WebhookAdministrationTests(BrowserFixture browser, ConsoleAppFixture app) : BrowserTest(browser, app)
{
    [Fact]
    public Task An_admin_adds_a_loopback_endpoint_sends_a_test_event_sees_it_delivered_signed_and_redelivers_it() => InBrowserAsync(async page =>
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await page.SignInAsync(SeededPeople.Admin, "/events");

        await ClickUntilVisibleAsync(page.GetByRole(AriaRole.Tab, new() { Name = "Webhooks" }), page.GetByLabel("URL"));
        await page.GetByLabel("URL").FillAsync(receiver.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        var secret = (await page.GetByTestId("secret-value").TextContentAsync())!.Trim();
        Assert.StartsWith("whsec_", secret);

        var row = page.GetByTestId("endpoint-row").Filter(new() { HasText = receiver.Url });
        await row.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        var received = await WaitForAsync(() => receiver.Received.FirstOrDefault());

        new StandardWebhook(secret).Verify(received.Body, received.Headers);
        Assert.Contains("\"event_type\":\"webhook.test\"", received.Body);

        await row.GetByRole(AriaRole.Button, new() { Name = "Deliveries" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("deliveries")).ToContainTextAsync("succeeded");

        await page.GetByTestId("deliveries").GetByRole(AriaRole.Button, new() { Name = "Redeliver" }).ClickAsync();
        var again = await WaitForAsync(() => receiver.Received.Skip(1).FirstOrDefault());
        Assert.Equal(received.MessageId, again.MessageId);
        new StandardWebhook(secret).Verify(again.Body, again.Headers);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Event stream" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("event-type").First).ToHaveTextAsync("webhook.test");
    });

    [Fact]
    public Task Support_sees_the_event_stream_without_webhook_administration() => InBrowserAsync(async page =>
    {
        await page.SignInAsync(SeededPeople.Support, "/events");

        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Event stream" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Webhooks" })).ToHaveCountAsync(0);
    });

    /// <summary>A click on the prerendered page does nothing until the circuit is up; click again until it takes effect.</summary>
    private static async Task ClickUntilVisibleAsync(ILocator target, ILocator appears)
    {
        for (var attempt = 0; attempt < 30 && !await appears.IsVisibleAsync(); attempt++)
        {
            await target.ClickAsync();
            await Task.Delay(500);
        }
        await Assertions.Expect(appears).ToBeVisibleAsync();
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe) where T : class
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(200))
        {
            if (probe() is { } found)
            {
                return found;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The receiver got nothing within 30 seconds.");
    }
}
