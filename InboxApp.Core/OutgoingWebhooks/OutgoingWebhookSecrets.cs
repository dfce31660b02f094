using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace InboxApp.Core.OutgoingWebhooks;

/// <summary>Seals webhook signing secrets with Data Protection (they must be read back to sign) and masks them for display.</summary>
public sealed class OutgoingWebhookSecrets(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("InboxApp.OutgoingWebhookSecret.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string? Unprotect(string? sealedSecret)
    {
        if (string.IsNullOrEmpty(sealedSecret)) return null;
        try
        {
            return protector.Unprotect(sealedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The secrets that sign now: the current one, and the previous one while its overlap lasts.</summary>
    public IReadOnlyList<string> SigningSecrets(OutgoingWebhook webhook, DateTimeOffset now)
    {
        var list = new List<string>(2);
        if (Unprotect(webhook.SealedSecret) is { } current) list.Add(current);
        if (webhook.PreviousSecretExpiresAt > now && Unprotect(webhook.SealedPreviousSecret) is { } previous) list.Add(previous);
        return list;
    }

    /// <summary>What a person may see of a secret: <c>whsec_…a1b2</c>.</summary>
    public string? Mask(string? sealedSecret) => Unprotect(sealedSecret) is { } s ? $"{WebhookSignature.Prefix}…{s[^4..]}" : null;
}
