using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Dashboard.Contract;

/// <summary>
/// Junction's published API description (the subset in <c>../shared/data/junction-openapi</c>) as JSON Schema 2020-12:
/// the schema of each operation's response by method, route template and status, and of each webhook event
/// (<c>x-webhook-events</c>). Every <c>$ref</c> resolves inside the subset document it comes from.
/// </summary>
public sealed class JunctionContract
{
    private const string ComponentsPrefix = "#/components/schemas/";

    /// <summary>Junction's answer to anything not 2xx without a documented body: <c>{"detail": ...}</c>.</summary>
    private static readonly JsonNode ErrorEnvelope = JsonNode.Parse("""{"type":"object","required":["detail"]}""")!;

    /// <summary>FastAPI's validation error, as the Org Management document spells <c>HTTPValidationError</c> out.</summary>
    private static readonly JsonNode ValidationError = JsonNode.Parse("""
        {"type":"object","required":["detail"],"properties":{"detail":{"type":"array","items":{
          "type":"object","required":["loc","msg","type"],"properties":{
            "loc":{"type":"array","items":{"anyOf":[{"type":"string"},{"type":"integer"}]}},
            "msg":{"type":"string"},"type":{"type":"string"}}}}}}
        """)!;

    private static int _schemaCount;
    private readonly JsonObject _document;
    private readonly List<(string Template, Regex Pattern)> _templates;
    private readonly ConcurrentDictionary<string, JsonSchema> _built = new();

    private JunctionContract(string fileName)
    {
        FileName = fileName;
        var path = Path.Combine(Folder(), fileName);
        _document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        _templates = _document["paths"]!.AsObject()
            .Select(p => (p.Key, new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[a-z_]+}", "[^/]+") + "$", RegexOptions.CultureInvariant)))
            // A literal segment wins over a parameter (/v2/user/undo_delete before /v2/user/{user_id}).
            .OrderBy(t => t.Key.Count(c => c == '{'))
            .ToList();
    }

    public static JunctionContract Api { get; } = new("junction-api.subset.json");
    public static JunctionContract OrgManagement { get; } = new("org-management-api.subset.json");

    public string FileName { get; }

    public IEnumerable<(string Method, string Template)> Operations =>
        _document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => (m.Key.ToUpperInvariant(), p.Key)));

    /// <summary>The request body schema of an operation, or null when it takes none.</summary>
    public JsonNode? RequestBodyOf(string method, string template) =>
        _document["paths"]![template]![method.ToLowerInvariant()]!["requestBody"]?["content"]?["application/json"]?["schema"];

    public IReadOnlyList<string> WebhookEventTypes => _document["x-webhook-events"]?.AsObject().Select(e => e.Key).ToList() ?? [];

    /// <summary>The route template of the subset that a request path matches, or null when the subset has none.</summary>
    public string? TemplateOf(string method, string path)
    {
        foreach (var (template, pattern) in _templates)
        {
            if (pattern.IsMatch(path) && _document["paths"]![template]![method.ToLowerInvariant()] is not null)
            {
                return template;
            }
        }
        return null;
    }

    /// <summary>
    /// What is wrong with a response body for the operation, each as "instance path: message"; empty when it conforms.
    /// A status the operation does not document is itself a violation when 2xx; 4xx/5xx without a documented body must
    /// be Junction's error envelope, and 422 FastAPI's validation error.
    /// </summary>
    public IReadOnlyList<string> CheckResponse(string method, string template, int status, string? contentType, string body)
    {
        var responses = _document["paths"]![template]![method.ToLowerInvariant()]!["responses"]!.AsObject();
        JsonNode? schema;
        if (responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is { } documented)
        {
            schema = documented["content"]?["application/json"]?["schema"];
            if (status == 422)
            {
                schema = ValidationError;
            }
            if (schema is null)
            {
                return body.Length == 0 ? [] : [$"(body): status {status} is documented without a body, but one was sent"];
            }
        }
        else if (status is >= 200 and < 300)
        {
            return [$"(status): {status} is not a documented answer of {method} {template} (documented: {string.Join(", ", responses.Select(r => r.Key))})"];
        }
        else
        {
            schema = ErrorEnvelope;
        }
        return Check(schema, contentType, body, $"{method} {template} {status}");
    }

    /// <summary>Junction's error envelope for an API path the subset does not describe.</summary>
    public static IReadOnlyList<string> CheckError(int status, string? contentType, string body) =>
        Api.Check(status == 422 ? ValidationError : ErrorEnvelope, contentType, body, $"error {status}");

    /// <summary>What is wrong with a webhook body against the schema <c>x-webhook-events</c> names for its <c>event_type</c>.</summary>
    public IReadOnlyList<string> CheckWebhook(string body)
    {
        string? eventType;
        try
        {
            eventType = JsonNode.Parse(body)?["event_type"]?.GetValue<string>();
        }
        catch (JsonException failure)
        {
            return [$"(body): not JSON: {failure.Message}"];
        }
        // The catalog lists note, carbohydrates and insulin only as .created; their .updated shares the schema (its event_type enum has both).
        var catalogType = eventType is not null && _document["x-webhook-events"]?[eventType] is null && eventType.EndsWith(".updated", StringComparison.Ordinal)
            ? eventType[..^".updated".Length] + ".created"
            : eventType;
        if (catalogType is null || _document["x-webhook-events"]?[catalogType] is not { } schemaName)
        {
            return [$"/event_type: '{eventType}' is not an event of x-webhook-events ({string.Join(", ", WebhookEventTypes)})"];
        }
        return Check(JsonNode.Parse($$"""{"$ref":"{{ComponentsPrefix}}{{schemaName.GetValue<string>()}}"}""")!, "application/json", body, catalogType);
    }

    private IReadOnlyList<string> Check(JsonNode schema, string? contentType, string body, string key)
    {
        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return [$"(content-type): '{contentType}' where application/json was expected"];
        }
        JsonDocument instance;
        try
        {
            instance = JsonDocument.Parse(body);
        }
        catch (JsonException failure)
        {
            return [$"(body): not JSON: {failure.Message}"];
        }
        using (instance)
        {
            var built = _built.GetOrAdd(key + "|" + schema.ToJsonString(), _ => Build(schema));
            var results = built.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (results.IsValid)
            {
                return [];
            }
            return (results.Details ?? []).Where(d => !d.IsValid && d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{Where(d.InstanceLocation.ToString())}: {e.Value} (schema {d.EvaluationPath}, keyword {e.Key})"))
                .Distinct()
                .DefaultIfEmpty("(root): does not conform")
                .ToList();
        }
    }

    private static string Where(string pointer) => pointer.Length == 0 ? "(root)" : pointer;

    /// <summary>The schema with the document's component schemas beside it as <c>$defs</c>, so every <c>$ref</c> resolves.</summary>
    private JsonSchema Build(JsonNode schema)
    {
        var defs = _document["components"]!["schemas"]!.ToJsonString().Replace(ComponentsPrefix, "#/$defs/", StringComparison.Ordinal);
        var root = $$"""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$defs":{{defs}},
             "allOf":[{{schema.ToJsonString().Replace(ComponentsPrefix, "#/$defs/", StringComparison.Ordinal)}}]}
            """;
        var id = new Uri($"https://contract.invalid/{Path.GetFileNameWithoutExtension(FileName)}/{Interlocked.Increment(ref _schemaCount)}");
        return JsonSchema.FromText(root, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, id);
    }

    /// <summary><c>../shared/data/junction-openapi</c> beside the repository root.</summary>
    private static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "junction-openapi"));
                return Directory.Exists(folder)
                    ? folder
                    : throw new DirectoryNotFoundException($"The contract tests read Junction's API subset from {folder} (../shared/data/junction-openapi beside the repository root); it is missing.");
            }
        }
        throw new DirectoryNotFoundException($"No Dashboard.sln above {AppContext.BaseDirectory}; cannot find the repository root.");
    }
}
