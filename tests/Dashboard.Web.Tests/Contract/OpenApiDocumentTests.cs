using System.Text.Json.Nodes;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Contract;

/// <summary>The app's own OpenAPI document describes every operation of Junction's subset with typed schemas, so a client can be generated from it.</summary>
public sealed class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Every_subset_operation_is_described_with_typed_request_and_response_schemas()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();
        var problems = new List<string>();

        foreach (var contract in new[] { JunctionContract.Api, JunctionContract.OrgManagement })
        {
            foreach (var (method, template) in contract.Operations)
            {
                if (paths[template]?[method.ToLowerInvariant()] is not { } operation)
                {
                    problems.Add($"{method} {template}: not in the document");
                    continue;
                }
                if (contract.RequestBodyOf(method, template) is not null
                    && operation["requestBody"]?["content"]?["application/json"]?["schema"] is not { } body)
                {
                    problems.Add($"{method} {template}: no request body schema");
                }
                var success = operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')).ToList();
                if (success.Count == 0)
                {
                    problems.Add($"{method} {template}: no 2xx response");
                }
                foreach (var (status, response) in success.Where(r => r.Key != "204"))
                {
                    var schema = response?["content"]?["application/json"]?["schema"];
                    if (schema is null || (schema["$ref"] is null && schema["type"] is null && schema["properties"] is null))
                    {
                        problems.Add($"{method} {template} {status}: untyped response");
                    }
                }
                if (!operation["responses"]!.AsObject().ContainsKey("422"))
                {
                    problems.Add($"{method} {template}: the 422 validation error is not described");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
