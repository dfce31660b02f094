using System.Text.Json;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>
/// The app secrets a webhook delivery may be signed with when it does not verify with the platform's: the own Meta app
/// secrets of the organizations owning the phone numbers the body names. Only the numbers' ids are read from the unverified
/// body; nothing is stored or trusted before the signature matches one of these secrets.
/// </summary>
public sealed class WebhookSecretResolver(InboxDb inboxDb, ChannelSecrets secrets)
{
    public const int MaxNumbersLooked = 20;

    public async Task<IReadOnlyList<string>> OrganizationSecretsAsync(byte[] body, CancellationToken ct)
    {
        var phoneNumberIds = PhoneNumberIds(body);
        if (phoneNumberIds.Count == 0) return [];
        await using var db = inboxDb.System();
        var sealedSecrets = await db.PhoneNumbers.AsNoTracking()
            .Where(p => phoneNumberIds.Contains(p.MetaPhoneNumberId) && p.IsActive)
            .Join(db.Set<MetaAppConfig>(), p => p.OrganizationId, c => c.OrganizationId, (p, c) => c.AppSecretProtected)
            .Where(s => s != null)
            .Distinct()
            .ToListAsync(ct);
        return sealedSecrets.Select(s => secrets.UnprotectAppSecret(s)).OfType<string>().ToList();
    }

    /// <summary><c>entry[].changes[].value.metadata.phone_number_id</c>, or none when the body is not such JSON.</summary>
    private static List<string> PhoneNumberIds(byte[] body)
    {
        var ids = new List<string>();
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
                return ids;
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array) continue;
                foreach (var change in changes.EnumerateArray())
                {
                    if (change.ValueKind == JsonValueKind.Object && change.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object
                        && value.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                        && metadata.TryGetProperty("phone_number_id", out var id) && id.ValueKind == JsonValueKind.String
                        && id.GetString() is { Length: > 0 and <= 64 } s && !ids.Contains(s))
                    {
                        ids.Add(s);
                        if (ids.Count >= MaxNumbersLooked) return ids;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: only the platform secret could have signed it.
        }
        return ids;
    }
}
