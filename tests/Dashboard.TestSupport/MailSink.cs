using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Notifications;

namespace Dashboard.TestSupport;

/// <summary>
/// A real SMTP server for a test: the repository's smtp4dev tool as a child process on free loopback ports, and the
/// messages it received read back through its HTTP API. A test that cannot start it fails with how to get it.
/// </summary>
public sealed class MailSink : IAsyncDisposable
{
    private readonly Smtp4devSink _sink;
    private readonly HttpClient _http;

    private MailSink(Smtp4devSink sink)
    {
        _sink = sink;
        _http = new HttpClient { BaseAddress = sink.WebAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public int SmtpPort => _sink.SmtpPort;

    /// <summary>The configuration entries that send the console's mail (or Core's) to this sink.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "none",
        ["Email:From"] = "Libre Connect Dashboard <no-reply@dashboard.test>",
    };

    public static Task<MailSink> StartAsync(int smtpPort = 0) => StartOnAsync(smtpPort);

    private static async Task<MailSink> StartOnAsync(int smtpPort)
    {
        try
        {
            return new MailSink(await Smtp4devSink.StartAsync(RepositoryRoot.Path, smtpPort: smtpPort));
        }
        catch (Exception failure) when (failure is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"The mail tests need smtp4dev. {Smtp4devSink.HowToGetIt} ({failure.Message})", failure);
        }
    }

    public sealed record Message(string Id, IReadOnlyList<string> To, string Subject, string Body);

    /// <summary>Every message received so far, oldest first, with its plain-text body.</summary>
    public async Task<IReadOnlyList<Message>> MessagesAsync()
    {
        using var page = await _http.GetFromJsonAsync<JsonDocument>("api/messages?pageSize=1000") ?? throw new InvalidOperationException("smtp4dev sent no list");
        var messages = new List<Message>();
        foreach (var item in page.RootElement.GetProperty("results").EnumerateArray())
        {
            var id = item.GetProperty("id").GetString()!;
            var to = item.GetProperty("to").EnumerateArray().Select(t => t.GetString()!).ToList();
            var body = await _http.GetStringAsync($"api/messages/{id}/plaintext");
            messages.Add(new Message(id, to, item.GetProperty("subject").GetString() ?? "", body));
        }
        messages.Reverse(); // the API lists newest first
        return messages;
    }

    /// <summary>The messages to <paramref name="address"/>.</summary>
    public async Task<IReadOnlyList<Message>> MessagesToAsync(string address) =>
        (await MessagesAsync()).Where(m => m.To.Any(t => t.Contains(address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits (polling the API) until <paramref name="address"/> has at least <paramref name="count"/> messages.</summary>
    public async Task<IReadOnlyList<Message>> WaitForMessagesToAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var messages = await MessagesToAsync(address);
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                return messages.Count >= count ? messages
                    : throw new TimeoutException($"{messages.Count} of {count} message(s) to {address} arrived; all: {string.Join("; ", (await MessagesAsync()).Select(m => $"{string.Join(',', m.To)}: {m.Subject}"))}");
            }
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _sink.DisposeAsync();
    }
}
