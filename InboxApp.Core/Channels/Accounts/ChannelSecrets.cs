using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace InboxApp.Core.Channels.Accounts;

/// <summary>
/// Seals the secrets we keep for tenants (WhatsApp business access tokens, an organization's Meta app secret) with Data
/// Protection, and masks them for display. Plain values never leave this class except to call Meta.
/// </summary>
public sealed class ChannelSecrets(IDataProtectionProvider dataProtection)
{
    public const string TokenPurpose = "InboxApp.WhatsAppToken.v1";
    public const string AppSecretPurpose = "InboxApp.MetaAppSecret.v1";

    private readonly IDataProtector tokens = dataProtection.CreateProtector(TokenPurpose);
    private readonly IDataProtector appSecrets = dataProtection.CreateProtector(AppSecretPurpose);

    public string ProtectToken(string token) => tokens.Protect(token);

    /// <summary>How long an unsealed token is kept for the next send with the same sealed value.</summary>
    public static readonly TimeSpan UnsealedTokenLifetime = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Tokens unsealed in the last <see cref="UnsealedTokenLifetime"/>, by their sealed value (a changed token is sealed anew and
    /// so unsealed anew). Every send unsealed its account's token: Data Protection's authenticated decryption and key ring
    /// lookup were ~3 % of a campaign send's CPU at 1,000/s (session 16's profile), for the same few tokens each time.
    /// </summary>
    private readonly ConcurrentDictionary<string, (string Plain, long Until)> unsealedTokens = new(StringComparer.Ordinal);

    /// <summary>The plain token, or null when there is none or it cannot be unsealed (keys lost or rotated away).</summary>
    public string? UnprotectToken(string? sealedToken)
    {
        if (string.IsNullOrEmpty(sealedToken)) return null;
        var now = Environment.TickCount64;
        if (unsealedTokens.TryGetValue(sealedToken, out var kept) && kept.Until > now) return kept.Plain;
        var plain = Unprotect(tokens, sealedToken);
        if (plain is null) return null;
        if (unsealedTokens.Count >= 256) unsealedTokens.Clear(); // a few accounts send at once; never a large store of plain tokens
        unsealedTokens[sealedToken] = (plain, now + (long)UnsealedTokenLifetime.TotalMilliseconds);
        return plain;
    }

    public string ProtectAppSecret(string secret) => appSecrets.Protect(secret);

    public string? UnprotectAppSecret(string? sealedSecret) => Unprotect(appSecrets, sealedSecret);

    /// <summary>What a person may see of a secret: <c>EAAG…a1b2</c> (first and last four characters).</summary>
    public static string Mask(string secret) =>
        secret.Length >= 12 ? $"{secret[..4]}…{secret[^4..]}" : "••••";

    /// <summary>The mask of a sealed token, or null when there is no readable token.</summary>
    public string? MaskToken(string? sealedToken) => UnprotectToken(sealedToken) is { } token ? Mask(token) : null;

    private static string? Unprotect(IDataProtector protector, string? sealedValue)
    {
        if (string.IsNullOrEmpty(sealedValue)) return null;
        try
        {
            return protector.Unprotect(sealedValue);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
