using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace InboxApp.Core.Channels;

/// <summary>Encrypts WhatsApp business access tokens at rest (Data Protection, key ring in the database) and masks them for display.</summary>
public sealed class AccessTokenProtector(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("InboxApp.WhatsAppToken.v1");

    public string Protect(string token) => protector.Protect(token);

    /// <summary>The token, or null when it cannot be decrypted (key ring lost or value damaged).</summary>
    public string? Unprotect(string? protectedToken)
    {
        if (string.IsNullOrEmpty(protectedToken)) return null;
        try
        {
            return protector.Unprotect(protectedToken);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary><c>EAAG…a1b2</c>: enough to tell tokens apart, never enough to use one.</summary>
    public static string Mask(string? token) =>
        string.IsNullOrEmpty(token) ? "" : token.Length <= 10 ? new string('•', token.Length) : $"{token[..4]}…{token[^4..]}";
}
