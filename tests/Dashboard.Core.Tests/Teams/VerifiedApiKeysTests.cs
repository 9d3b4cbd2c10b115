using Dashboard.Core.ApiKeys;
using Dashboard.Core.Teams;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Teams;

public sealed class VerifiedApiKeysTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly Team _team = new() { Name = "Sandbox US" };

    [Fact]
    public void A_key_checked_in_the_store_is_trusted_for_the_lifetime_from_when_the_check_began()
    {
        var keys = new VerifiedApiKeys(_clock);
        var check = keys.BeforeCheck();
        _clock.Advance(TimeSpan.FromSeconds(2)); // the store took its time
        keys.Remember("hash", _team, check);

        Assert.Same(_team, keys.Find("hash"));
        _clock.Advance(VerifiedApiKeys.Lifetime - TimeSpan.FromSeconds(3));
        Assert.Same(_team, keys.Find("hash"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(keys.Find("hash"));
        Assert.Null(keys.Find("another hash"));
    }

    [Fact]
    public void A_revoked_key_is_forgotten_at_once()
    {
        var keys = new VerifiedApiKeys(_clock);
        keys.Remember("hash", _team, keys.BeforeCheck());

        keys.Revoked("hash");

        Assert.Null(keys.Find("hash"));
    }

    [Fact]
    public void A_check_that_began_before_a_revocation_is_not_remembered()
    {
        var keys = new VerifiedApiKeys(_clock);
        var check = keys.BeforeCheck(); // the store read the key while it was still live…
        keys.Revoked("hash"); // …and the revoke committed before the check finished

        keys.Remember("hash", _team, check);

        Assert.Null(keys.Find("hash"));
        keys.Remember("hash", _team, keys.BeforeCheck()); // a check begun after it is trusted again (the store said live)
        Assert.Same(_team, keys.Find("hash"));
    }
}
