using System.Diagnostics;
using Dashboard.TestSupport;
using LibreView.Client;
using LibreView.Client.Http;
using LibreView.Tests.Support;

namespace LibreView.Tests.Telemetry;

/// <summary>
/// Every LibreView call is traced and counted by endpoint and outcome, with ids kept out of the tags. Tests run in
/// parallel in one process; the recorder keeps only what happened under each test's own trace.
/// </summary>
public class LibreViewTelemetryTests
{
    [Fact]
    public async Task A_login_is_one_span_and_one_counted_request_on_the_login_endpoint()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("traced@example.org");
        using var recorded = new TelemetryRecorder(LibreViewTelemetry.SourceName);

        await recorded.UnderOwnTraceAsync(() => h.LoginAsync("traced@example.org"));

        var span = Assert.Single(recorded.Spans);
        Assert.Equal("LibreView POST /auth/login", span.DisplayName);
        Assert.Equal("ok", span.GetTagItem("libreview.outcome"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        var request = Assert.Single(recorded.Of("libreview.client.requests"));
        Assert.Equal(1, request.Value);
        Assert.Equal(("/auth/login", "POST", "ok"), (request.Tag("libreview.endpoint"), request.Tag("http.request.method"), request.Tag("libreview.outcome")));
        Assert.Equal("/auth/login", Assert.Single(recorded.Of("libreview.client.duration")).Tag("libreview.endpoint"));
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_counted_as_unreachable_and_marks_the_span_as_an_error()
    {
        await using var h = await SimHarness.StartAsync(client => client.RegionBaseUrls["us"] = "http://127.0.0.1:9/");
        using var recorded = new TelemetryRecorder(LibreViewTelemetry.SourceName);

        var result = await recorded.UnderOwnTraceAsync(() => h.Client.LoginAsync(h.Credentials("nobody@example.org"), LoginPurpose.Interactive));

        Assert.False(result.IsSuccess);
        Assert.Equal("unreachable", Assert.Single(recorded.Of("libreview.client.requests")).Tag("libreview.outcome"));
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(recorded.Spans).Status);
    }

    [Theory]
    [InlineData("/llu/connections/4f1c2a9e-0c4e-11ee-9d1a-0242ac110002/graph", "/llu/connections/{id}/graph")]
    [InlineData("/patients/1234567/reports?type=daily", "/patients/{id}/reports")]
    [InlineData("/auth/continue/2fa/sendcode", "/auth/continue/2fa/sendcode")]
    [InlineData("/report/abcdefABCDEF0123456789abcdefABCDEF0123/html", "/report/{id}/html")]
    public void Endpoints_are_paths_with_ids_replaced_and_no_query(string path, string endpoint) =>
        Assert.Equal(endpoint, LibreViewTelemetry.EndpointOf(path));

    [Theory]
    [InlineData(200, "ok")]
    [InlineData(204, "ok")]
    [InlineData(401, "http_401")]
    [InlineData(430, "http_430")]
    [InlineData(0, "unreachable")]
    [InlineData(-1, "cancelled")]
    public void Outcomes_name_the_status(int status, string outcome) => Assert.Equal(outcome, LibreViewTelemetry.OutcomeOf(status));
}
