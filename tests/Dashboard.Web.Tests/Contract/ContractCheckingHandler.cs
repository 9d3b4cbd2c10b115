namespace Dashboard.Contract;

/// <summary>A response of the API that Junction's published schema rejects; the message names each offending field.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>
/// Sits in every API test client: each response is validated against the subset operation of its method and route
/// template (Junction API, then Org Management API), and an API path the subset does not describe must still answer
/// errors in Junction's envelope. A violation throws, so the test that made the call fails with the field's path.
/// </summary>
public sealed class ContractCheckingHandler(ICollection<string>? validated = null) : DelegatingHandler
{
    private static readonly string[] ApiPrefixes = ["/v2/", "/v1/"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (!ApiPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
        {
            return response;
        }
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var contentType = response.Content.Headers.ContentType?.MediaType;
        var status = (int)response.StatusCode;
        var method = request.Method.Method;

        IReadOnlyList<string> violations;
        string what;
        if (JunctionContract.Api.TemplateOf(method, path) is { } template)
        {
            violations = JunctionContract.Api.CheckResponse(method, template, status, contentType, body);
            what = $"{method} {template}";
        }
        else if (JunctionContract.OrgManagement.TemplateOf(method, path) is { } orgTemplate)
        {
            violations = JunctionContract.OrgManagement.CheckResponse(method, orgTemplate, status, contentType, body);
            what = $"{method} {orgTemplate}";
        }
        else if (status >= 400)
        {
            violations = JunctionContract.CheckError(status, contentType, body);
            what = $"{method} {path} (not in the subset)";
        }
        else
        {
            return response; // an endpoint of ours beyond the subset: no published schema to hold it to
        }
        if (validated is not null)
        {
            lock (validated)
            {
                validated.Add(what); // "METHOD template" of the subset operation this response was held to
            }
        }
        if (violations.Count > 0)
        {
            throw new ContractViolationException(
                $"{method} {path} answered {status}, which Junction's schema ({what}) rejects:\n  " + string.Join("\n  ", violations.Take(20)) +
                $"\nBody: {(body.Length > 2000 ? body[..2000] + "…" : body)}");
        }
        return response;
    }
}
