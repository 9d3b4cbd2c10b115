using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Core.Notifications;

/// <summary>Hands one mail to the SMTP server; throws when the server does not take it.</summary>
public interface IMailTransport
{
    bool IsConfigured { get; }
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>SMTP through MailKit: one connection per mail (the outbox sends few, and a broken connection never lingers).</summary>
public sealed class SmtpMailTransport(IOptionsMonitor<EmailOptions> options) : IMailTransport
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.CurrentValue.Smtp.Host);

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.MessageId = $"{mail.Id:N}@libre-connect-dashboard";
        message.Body = new TextPart("plain") { Text = mail.TextBody };

        using var client = new SmtpClient { Timeout = (int)settings.Smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Smtp.Host!, settings.Smtp.Port, SecurityOf(settings.Smtp.Security), ct);
        if (!string.IsNullOrEmpty(settings.Smtp.Username))
        {
            await client.AuthenticateAsync(settings.Smtp.Username, settings.Smtp.Password ?? "", ct);
        }
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private static SecureSocketOptions SecurityOf(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
