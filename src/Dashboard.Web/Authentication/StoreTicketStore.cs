using System.Security.Cryptography;
using Dashboard.Core.Access;
using Dashboard.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Authentication;

/// <summary>
/// Server-side console sessions (row 13 of #18): the cookie carries only a random key and the ticket lives in the store,
/// protected with the data protection key ring. Signing out deletes the row, and so does a role change or a member's
/// removal (<see cref="Memberships"/>), so a captured cookie stops working on every instance at once.
/// </summary>
public sealed class StoreTicketStore(IDbContextFactory<DashboardDbContext> contexts, IDataProtectionProvider protection, TimeProvider time, ILogger<StoreTicketStore> logger) : ITicketStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("Dashboard.Web.ConsoleSessions");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var person = StaffIdentity.PersonOf(ticket.Principal);
        await using var db = await contexts.CreateDbContextAsync();
        db.StaffSessions.Add(new StaffSession
        {
            Id = key, Email = person.NormalizedEmail, Issuer = person.Issuer, Subject = person.Subject,
            Ticket = Protect(ticket), CreatedAt = time.GetUtcNow().UtcDateTime, ExpiresAt = ticket.Properties.ExpiresUtc?.UtcDateTime,
        });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var ticketBytes = Protect(ticket);
        var expires = ticket.Properties.ExpiresUtc?.UtcDateTime;
        // A session ended meanwhile (sign-out elsewhere, role change) stays ended: renew only updates an existing row.
        await db.StaffSessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Ticket, ticketBytes).SetProperty(s => s.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var session = await db.StaffSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key);
        if (session is null)
        {
            return null;
        }
        if (session.ExpiresAt is { } expires && expires <= time.GetUtcNow().UtcDateTime)
        {
            await db.StaffSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
            return null;
        }
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(session.Ticket));
        }
        catch (CryptographicException e)
        {
            // A key ring that no longer holds the key: the person signs in again.
            logger.LogInformation(e, "A staff session could not be decrypted with the current key ring; its holder must sign in again");
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.StaffSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));
}
