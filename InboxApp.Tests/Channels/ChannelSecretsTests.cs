using InboxApp.Core.Channels.Accounts;
using Microsoft.AspNetCore.DataProtection;

namespace InboxApp.Tests.Channels;

/// <summary>
/// A sealed access token is unsealed once and kept for <see cref="ChannelSecrets.UnsealedTokenLifetime"/> (a campaign sends
/// hundreds a second with the same token); a changed token is a new sealed value and is unsealed anew; an unreadable one is
/// never kept.
/// </summary>
public sealed class ChannelSecretsTests
{
    [Fact]
    public void A_token_is_unsealed_once_for_many_sends_and_a_changed_token_at_once()
    {
        var provider = new CountingProvider(new EphemeralDataProtectionProvider());
        var secrets = new ChannelSecrets(provider);
        var first = secrets.ProtectToken("EAAG-first-token-1234");
        for (var i = 0; i < 100; i++) Assert.Equal("EAAG-first-token-1234", secrets.UnprotectToken(first));
        Assert.Equal(1, provider.Unprotects);

        var second = secrets.ProtectToken("EAAG-second-token-5678");
        Assert.Equal("EAAG-second-token-5678", secrets.UnprotectToken(second));
        Assert.Equal("EAAG-first-token-1234", secrets.UnprotectToken(first));
        Assert.Equal(2, provider.Unprotects);
    }

    [Fact]
    public void A_token_that_cannot_be_unsealed_is_null_every_time_and_never_kept()
    {
        var provider = new CountingProvider(new EphemeralDataProtectionProvider());
        var secrets = new ChannelSecrets(provider);
        // Sealed with other keys (lost or rotated away).
        var foreign = new ChannelSecrets(new EphemeralDataProtectionProvider()).ProtectToken("EAAG-foreign-9999");
        Assert.Null(secrets.UnprotectToken(foreign));
        Assert.Null(secrets.UnprotectToken(foreign));
        Assert.Equal(2, provider.Unprotects);
        Assert.Null(secrets.UnprotectToken(null));
        Assert.Null(secrets.UnprotectToken(""));
    }

    private sealed class CountingProvider(IDataProtectionProvider inner) : IDataProtectionProvider
    {
        public int Unprotects;

        public IDataProtector CreateProtector(string purpose) => new Counting(this, inner.CreateProtector(purpose));

        private sealed class Counting(CountingProvider owner, IDataProtector inner) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Counting(owner, inner.CreateProtector(purpose));
            public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData)
            {
                Interlocked.Increment(ref owner.Unprotects);
                return inner.Unprotect(protectedData);
            }
        }
    }
}
