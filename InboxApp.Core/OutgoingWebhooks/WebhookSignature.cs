using System.Security.Cryptography;
using System.Text;

namespace InboxApp.Core.OutgoingWebhooks;

/// <summary>
/// Standard Webhooks signing (standardwebhooks.com): secrets are <c>whsec_</c> + base64 of 24 to 64 random bytes; a
/// signature is <c>v1,</c> + base64 of HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c> keyed with the
/// secret's decoded bytes. Several signatures (during a secret rotation) are separated by spaces.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "whsec_";
    public const int MinSecretBytes = 24, MaxSecretBytes = 64;

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The secret's key bytes, or null when it is not <c>whsec_</c> + base64 of 24 to 64 bytes.</summary>
    public static byte[]? KeyOf(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var buffer = new byte[MaxSecretBytes + 3];
        if (!Convert.TryFromBase64String(secret[Prefix.Length..], buffer, out var written)) return null;
        return written is < MinSecretBytes or > MaxSecretBytes ? null : buffer[..written];
    }

    public static bool IsValidSecret(string? secret) => KeyOf(secret) is not null;

    /// <summary>One signature (<c>v1,…</c>) of a message with one secret.</summary>
    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = KeyOf(secret) ?? throw new ArgumentException("Not a whsec_ secret", nameof(secret));
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }

    /// <summary>The <c>webhook-signature</c> header: one signature per secret, space-separated.</summary>
    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, messageId, timestamp, body)));

    /// <summary>Whether <paramref name="header"/> holds a valid signature of the message for <paramref name="secret"/> (what a receiver does).</summary>
    public static bool Verify(string secret, string messageId, long timestamp, string body, string header)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, messageId, timestamp, body));
        return header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}
