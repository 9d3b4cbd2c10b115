using System.Text.Json;
using System.Text.Json.Serialization;

namespace LibreView.Wire;

/// <summary>The one set of JSON options both sides use for LibreView bodies.</summary>
public static class LibreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        PropertyNamingPolicy = null,
    };
}
