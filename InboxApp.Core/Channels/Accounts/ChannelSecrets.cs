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

    /// <summary>The plain token, or null when there is none or it cannot be unsealed (keys lost or rotated away).</summary>
    public string? UnprotectToken(string? sealedToken) => Unprotect(tokens, sealedToken);

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
